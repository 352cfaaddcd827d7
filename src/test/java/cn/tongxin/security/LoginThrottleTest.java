package cn.tongxin.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    private static final Instant NOW = Instant.parse("2026-05-01T08:00:00Z");

    @Test
    void the_first_failures_cost_nothing() {
        assertThat(LoginThrottle.waitBeforeNextTry(LoginThrottle.SLOW_AFTER - 1, NOW, null, NOW)).isEmpty();
    }

    @Test
    void each_failure_after_the_first_few_doubles_the_wait() {
        Duration third = LoginThrottle.waitBeforeNextTry(LoginThrottle.SLOW_AFTER, NOW, null, NOW).orElseThrow();
        Duration fourth = LoginThrottle.waitBeforeNextTry(LoginThrottle.SLOW_AFTER + 1, NOW, null, NOW).orElseThrow();
        assertThat(fourth).isEqualTo(third.multipliedBy(2));
        assertThat(LoginThrottle.waitBeforeNextTry(LoginThrottle.SLOW_AFTER, NOW, null, NOW.plus(third))).isEmpty();
    }

    @Test
    void a_lock_holds_until_it_ends_and_not_after() {
        Instant until = NOW.plus(LoginThrottle.LOCK_FOR);
        assertThat(LoginThrottle.waitBeforeNextTry(0, null, until, NOW)).contains(LoginThrottle.LOCK_FOR);
        assertThat(LoginThrottle.waitBeforeNextTry(0, null, until, until)).isEmpty();
    }
}
