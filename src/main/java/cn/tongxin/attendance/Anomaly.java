package cn.tongxin.attendance;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * Something a checker should look at: a phone used by several people, a sign-in tried with an
 * expired code, many sign-ins from one address within seconds, or a person or an address that typed so many
 * wrong door codes that the limit stopped them (someone guessing).
 *
 * @param occasion where it happened, with the page that shows it ({@code null} for the door-code limits, which
 *                 count across occasions)
 * @param people   the people behind it, for the checker to open
 * @param where    the address, or the last characters of the phone's id; empty where neither tells anything
 * @param count    people (a shared phone), tries (codes) or sign-ins (a burst)
 */
public record Anomaly(Kind kind, Occasion occasion, String occasionPage, Instant at, List<Someone> people, String where,
                      int count) implements Serializable {

    public enum Kind {
        SHARED_DEVICE, EXPIRED_CODE, BURST_FROM_ONE_ADDRESS, TOO_MANY_TRIES_PERSON, TOO_MANY_TRIES_ADDRESS
    }

    /** A person behind an anomaly. */
    public record Someone(long id, String name) implements Serializable {
    }
}
