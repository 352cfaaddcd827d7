package cn.tongxin.security;

import cn.tongxin.IntegrationTest;
import cn.tongxin.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class AttemptLimiterTest {

    private static final AttemptLimiter.Limit THREE_A_MINUTE = new AttemptLimiter.Limit("TEST", 3, Duration.ofMinutes(1));

    @Autowired
    AttemptLimiter limiter;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void tries_beyond_the_limit_are_refused_until_the_window_ends() {
        clock.set(java.time.Instant.parse("2026-05-01T08:00:00Z"));
        String key = UUID.randomUUID().toString();
        for (int i = 1; i <= 3; i++) {
            assertThat(limiter.reserve(THREE_A_MINUTE, key).allowed()).as("try %d", i).isTrue();
        }
        clock.advance(Duration.ofSeconds(20));
        AttemptLimiter.Verdict fourth = limiter.reserve(THREE_A_MINUTE, key);
        assertThat(fourth.allowed()).isFalse();
        assertThat(fourth.retryAfter()).isEqualTo(Duration.ofSeconds(40));

        clock.advance(Duration.ofSeconds(40));
        assertThat(limiter.reserve(THREE_A_MINUTE, key)).isEqualTo(new AttemptLimiter.Verdict(true, 1, Duration.ZERO));
    }

    @Test
    void each_key_has_its_own_count() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            limiter.reserve(THREE_A_MINUTE, first);
        }
        assertThat(limiter.reserve(THREE_A_MINUTE, first).allowed()).isFalse();
        assertThat(limiter.reserve(THREE_A_MINUTE, second).allowed()).isTrue();
    }

    @Test
    void a_released_try_does_not_count() {
        String key = UUID.randomUUID().toString();
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.reserve(THREE_A_MINUTE, key).allowed()).isTrue();
            limiter.release(THREE_A_MINUTE, key);
        }
    }

    @Test
    void parallel_tries_are_each_counted_so_only_the_limit_goes_through() throws Exception {
        String key = UUID.randomUUID().toString();
        List<Callable<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            tries.add(() -> limiter.reserve(THREE_A_MINUTE, key).allowed());
        }
        int allowed = 0;
        try (var pool = Executors.newFixedThreadPool(16)) {
            for (Future<Boolean> f : pool.invokeAll(tries)) {
                allowed += f.get() ? 1 : 0;
            }
        }
        assertThat(allowed).isEqualTo(3);
    }

    @Test
    void the_table_keeps_a_hash_of_the_key_not_the_key() {
        String key = "someone@example.org-" + UUID.randomUUID();
        limiter.reserve(THREE_A_MINUTE, key);
        assertThat(jdbc.sql("select count(*) from attempt_window where key_hash like :k").param("k", "%someone%")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void windows_older_than_a_day_are_forgotten() {
        clock.set(java.time.Instant.parse("2026-05-01T08:00:00Z"));
        String key = UUID.randomUUID().toString();
        limiter.reserve(THREE_A_MINUTE, key);
        limiter.reserve(THREE_A_MINUTE, key);
        clock.advance(Duration.ofDays(2));
        limiter.forgetOldWindows();
        assertThat(jdbc.sql("select count(*) from attempt_window where window_start < :t")
                .param("t", java.sql.Timestamp.from(clock.instant().minus(Duration.ofDays(1)))).query(Integer.class).single())
                .isZero();
    }
}
