package cn.tongxin.attendance;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * The answer to a sign-in try: the outcome, and for a record (new or earlier) its person, status and time;
 * for {@link SignInOutcome#TOO_MANY_TRIES} how long until the person may try again.
 */
public record SignInResult(SignInOutcome outcome, Occasion occasion, String personName, AttendanceStatus status,
                           Instant at, Duration retryAfter) implements Serializable {

    public SignInResult(SignInOutcome outcome, Occasion occasion, String personName, AttendanceStatus status, Instant at) {
        this(outcome, occasion, personName, status, at, null);
    }

    static SignInResult refused(SignInOutcome outcome, Occasion occasion) {
        return new SignInResult(outcome, occasion, null, null, null);
    }

    static SignInResult tooManyTries(Duration retryAfter) {
        return new SignInResult(SignInOutcome.TOO_MANY_TRIES, null, null, null, null, retryAfter);
    }

    /** The translation key of the message for the person (a long wait is told in hours). */
    public String messageKey() {
        return outcome == SignInOutcome.TOO_MANY_TRIES && waitMinutes() > 90
                ? outcome.messageKey() + ".hours" : outcome.messageKey();
    }

    /** The arguments of {@link #messageKey()}: the wait in whole minutes or hours, rounded up. */
    public Object[] messageArgs() {
        if (outcome != SignInOutcome.TOO_MANY_TRIES) {
            return new Object[0];
        }
        long minutes = waitMinutes();
        return new Object[]{minutes > 90 ? (minutes + 59) / 60 : minutes};
    }

    private long waitMinutes() {
        long seconds = retryAfter == null ? 0 : retryAfter.toSeconds();
        return Math.max(1, (seconds + 59) / 60);
    }
}
