package cn.tongxin.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The rule against password guessing: after a few failures each new try must wait longer,
 * and after {@link #LOCK_AFTER} failures the account is locked for {@link #LOCK_FOR}.
 * A lock always ends by itself, so nobody can lock another person out for good.
 */
public final class LoginThrottle {

    public static final int SLOW_AFTER = 3;
    public static final int LOCK_AFTER = 5;
    public static final Duration LOCK_FOR = Duration.ofMinutes(15);

    private LoginThrottle() {
    }

    /** How long the caller must still wait before a try is even checked; empty when it may try now. */
    public static Optional<Duration> waitBeforeNextTry(int failedAttempts, Instant lastFailedAt, Instant lockedUntil, Instant now) {
        if (lockedUntil != null && lockedUntil.isAfter(now)) {
            return Optional.of(Duration.between(now, lockedUntil));
        }
        if (failedAttempts >= SLOW_AFTER && lastFailedAt != null) {
            Duration delay = Duration.ofSeconds(1L << Math.min(failedAttempts - SLOW_AFTER + 1, 10));
            Instant next = lastFailedAt.plus(delay);
            if (next.isAfter(now)) {
                return Optional.of(Duration.between(now, next));
            }
        }
        return Optional.empty();
    }

    /** True when this failure (already counted in {@code failedAttempts}) locks the account. */
    public static boolean locksNow(int failedAttempts) {
        return failedAttempts >= LOCK_AFTER;
    }
}
