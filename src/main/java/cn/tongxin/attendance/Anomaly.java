package cn.tongxin.attendance;

import java.io.Serializable;
import java.time.Instant;

/**
 * Something a checker should look at: a phone used by several people, a sign-in tried with an
 * expired code, or many sign-ins from one address within seconds.
 */
public record Anomaly(Kind kind, String occasion, Instant at, String detail, int count) implements Serializable {

    public enum Kind {
        SHARED_DEVICE, EXPIRED_CODE, BURST_FROM_ONE_ADDRESS
    }
}
