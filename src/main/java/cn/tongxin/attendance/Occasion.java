package cn.tongxin.attendance;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Something people sign in to, as its owning feature describes it: what it is (title, and the class or
 * series it belongs to), where, its sign-in window (opens → late → closes), and the owner unit's path for
 * the organizers' scope, and the study hours (学时) attending it is worth.
 */
public record Occasion(OccasionRef ref, String title, String context, String place, Instant startsAt, Instant endsAt,
                       Instant opensAt, Instant lateAt, Instant closesAt, String ownerUnitPath,
                       BigDecimal hours) implements Serializable {

    public Occasion {
        if (!(opensAt.compareTo(lateAt) <= 0 && lateAt.compareTo(closesAt) <= 0)) {
            throw new IllegalArgumentException("sign-in window must open, turn late and close in that order");
        }
    }

    public WindowState stateAt(Instant now) {
        if (now.isBefore(opensAt)) {
            return WindowState.NOT_OPEN;
        }
        if (now.isBefore(lateAt)) {
            return WindowState.OPEN;
        }
        if (now.isBefore(closesAt)) {
            return WindowState.LATE;
        }
        return WindowState.CLOSED;
    }
}
