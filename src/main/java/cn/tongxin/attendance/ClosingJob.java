package cn.tongxin.attendance;

import cn.tongxin.security.SystemCaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When a sign-in window closes, everyone expected without a record is marked absent. Safe with several
 * instances: per occasion, only the transaction that inserts the occasion_closed row does the marking.
 */
@Component
class ClosingJob {

    private static final Logger log = LoggerFactory.getLogger(ClosingJob.class);
    static final Duration LOOK_BACK = Duration.ofDays(2);

    private final Occasions occasions;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ClosingJob(Occasions occasions, JdbcClient jdbc, TransactionTemplate transaction, Clock clock,
               ApplicationEventPublisher events) {
        this.occasions = occasions;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.events = events;
    }

    @Scheduled(fixedDelayString = "${tongxin.attendance.closing-every:PT30S}", initialDelayString = "PT20S")
    void run() {
        SystemCaller.runAsSystem(this::closeDue);
    }

    /** Closes every occasion whose window has closed; returns how many it closed now. */
    int closeDue() {
        Instant now = clock.instant();
        int closed = 0;
        for (Occasion occasion : occasions.closedBetween(now.minus(LOOK_BACK), now)) {
            Integer absent = transaction.execute(s -> close(occasion, now));
            if (absent != null && absent >= 0) {
                closed++;
            }
        }
        return closed;
    }

    /** The absent count, or -1 when another run already closed it. */
    private int close(Occasion occasion, Instant now) {
        OccasionRef ref = occasion.ref();
        int claimed = jdbc.sql("""
                        insert into occasion_closed (occasion_kind, occasion_id, closed_at) values (:kind, :id, :at)
                        on conflict do nothing""")
                .param("kind", ref.kind()).param("id", ref.id()).param("at", Timestamp.from(now)).update();
        if (claimed == 0) {
            return -1;
        }
        List<Long> expected = occasions.expectedPeople(ref);
        List<Long> absent = jdbc.sql("""
                        insert into sign_in (occasion_kind, occasion_id, person_id, status, method, signed_at)
                        select :kind, :id, e.person_id, 'ABSENT', 'SYSTEM', :at from unnest(:ids) as e(person_id)
                        on conflict do nothing
                        returning person_id""")
                .param("kind", ref.kind()).param("id", ref.id()).param("at", Timestamp.from(occasion.closesAt()))
                .param("ids", expected.toArray(Long[]::new))
                .query(Long.class).list();
        jdbc.sql("update occasion_closed set absent_count = :n where occasion_kind = :kind and occasion_id = :id")
                .param("n", absent.size()).param("kind", ref.kind()).param("id", ref.id()).update();
        absent.forEach(p -> events.publishEvent(new SignedIn(ref, p, AttendanceStatus.ABSENT, occasion.closesAt())));
        log.info("Closed sign-in of {}: {} absent", ref, absent.size());
        return absent.size();
    }
}
