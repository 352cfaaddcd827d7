package cn.tongxin.attendance;

import java.io.Serializable;
import java.time.Instant;

/**
 * Something a checker should look at: a phone used by several people, a sign-in tried with an
 * expired code, many sign-ins from one address within seconds, or a person or an address that typed so many
 * wrong door codes that the limit stopped them (someone guessing).
 */
public record Anomaly(Kind kind, String occasion, Instant at, String detail, int count) implements Serializable {

    public enum Kind {
        SHARED_DEVICE, EXPIRED_CODE, BURST_FROM_ONE_ADDRESS, TOO_MANY_TRIES_PERSON, TOO_MANY_TRIES_ADDRESS
    }
}
