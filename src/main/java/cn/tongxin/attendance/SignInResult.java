package cn.tongxin.attendance;

import java.io.Serializable;
import java.time.Instant;

/** The answer to a sign-in try: the outcome, and for a record (new or earlier) its person, status and time. */
public record SignInResult(SignInOutcome outcome, Occasion occasion, String personName, AttendanceStatus status,
                           Instant at) implements Serializable {

    static SignInResult refused(SignInOutcome outcome, Occasion occasion) {
        return new SignInResult(outcome, occasion, null, null, null);
    }
}
