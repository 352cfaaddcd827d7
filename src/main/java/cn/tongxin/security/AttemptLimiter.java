package cn.tongxin.security;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Counts tries of something guessable (a password, a door code, a certificate number) per key in a fixed window,
 * in the database so that every instance sees the same count. {@link #reserve} takes the try in one atomic
 * statement <em>before</em> the guess is checked, so parallel requests cannot all slip through on one stale count.
 * Give a successful try back with {@link #release} where only failures should count.
 * <p>
 * Call it outside a transaction of your own: the count must survive a rollback, and a row lock held while the
 * guess is checked would queue every request on the same key behind one another.
 */
@Component
public class AttemptLimiter {

    /** At most {@code tries} per {@code per}, counted separately for each key within {@code scope}. */
    public record Limit(String scope, int tries, Duration per) {
        public Limit {
            if (scope.length() > 30 || tries < 1 || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("bad limit " + scope);
            }
        }
    }

    /** Whether the try may go ahead; if not, how long until the window ends. {@code tries} includes this one. */
    public record Verdict(boolean allowed, int tries, Duration retryAfter) {
    }

    /** Windows older than this are deleted; no limit may count over a longer time. */
    static final Duration LONGEST_WINDOW = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    AttemptLimiter(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Takes one try for {@code key}, or refuses it when the window's tries are used up (a refused try counts too). */
    public Verdict reserve(Limit limit, String key) {
        if (limit.per().compareTo(LONGEST_WINDOW) > 0) {
            throw new IllegalArgumentException("windows longer than a day are not kept");
        }
        Instant now = clock.instant();
        Timestamp cutoff = Timestamp.from(now.minus(limit.per()));
        // A window that has run out starts again with this try; otherwise the try is added to it.
        return jdbc.sql("""
                        insert into attempt_window (scope, key_hash, window_start, tries) values (:scope, :key, :now, 1)
                        on conflict (scope, key_hash) do update set
                            tries = case when attempt_window.window_start <= :cutoff then 1 else attempt_window.tries + 1 end,
                            window_start = case when attempt_window.window_start <= :cutoff then :now
                                                else attempt_window.window_start end
                        returning tries, window_start""")
                .param("scope", limit.scope()).param("key", hash(limit.scope(), key))
                .param("now", Timestamp.from(now)).param("cutoff", cutoff)
                .query((rs, n) -> {
                    int tries = rs.getInt("tries");
                    Instant ends = rs.getTimestamp("window_start").toInstant().plus(limit.per());
                    return new Verdict(tries <= limit.tries(), tries,
                            tries <= limit.tries() ? Duration.ZERO : Duration.between(now, ends));
                })
                .single();
    }

    /** Gives back a try that succeeded, where only failures should count against the limit. */
    public void release(Limit limit, String key) {
        jdbc.sql("update attempt_window set tries = tries - 1 where scope = :scope and key_hash = :key and tries > 0")
                .param("scope", limit.scope()).param("key", hash(limit.scope(), key)).update();
    }

    /** Forgets the key's tries (e.g. the person proved who they are). */
    public void clear(Limit limit, String key) {
        jdbc.sql("delete from attempt_window where scope = :scope and key_hash = :key")
                .param("scope", limit.scope()).param("key", hash(limit.scope(), key)).update();
    }

    /** Old windows are of no use: keep the table as small as the traffic of one day. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetOldWindows() {
        jdbc.sql("delete from attempt_window where window_start < :before")
                .param("before", Timestamp.from(clock.instant().minus(LONGEST_WINDOW))).update();
    }

    private static String hash(String scope, String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(scope.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(String.valueOf(key).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
