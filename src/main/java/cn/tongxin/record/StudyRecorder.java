package cn.tongxin.record;

import cn.tongxin.Application;
import cn.tongxin.attendance.AttendanceStatus;
import cn.tongxin.attendance.Occasion;
import cn.tongxin.attendance.OccasionProvider;
import cn.tongxin.attendance.OccasionRef;
import cn.tongxin.attendance.SignedIn;
import cn.tongxin.rotation.EnrollmentCompleted;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes the study records from what happened: a sign-in (or its later correction) at a class session or a lecture,
 * and a completion. Plain listeners inside the publisher's transaction, not after-commit ones: a record exists
 * exactly when its sign-in or completion does, and a sign-in costs no second pool connection (design note 021).
 */
@Component
class StudyRecorder {

    static final int TITLE_MAX = 300;

    private final JdbcClient jdbc;
    private final StudyLog log;
    private final Clock clock;
    private final Map<String, OccasionProvider> providers;

    StudyRecorder(JdbcClient jdbc, StudyLog log, Clock clock, List<OccasionProvider> providers) {
        this.jdbc = jdbc;
        this.log = log;
        this.clock = clock;
        this.providers = providers.stream().collect(Collectors.toMap(OccasionProvider::kind, Function.identity()));
    }

    /** What a record says, before it is stored. */
    record Fact(long personId, RecordKind kind, String sourceKind, long sourceId, Instant occurredAt, String title,
                String context, BigDecimal hours, AttendanceStatus status) {

        /**
         * Being there counts; a completion's hours are its sessions' hours, counted there already (V049). Verified
         * self-study counts (its caps apply when the year is summed, V051).
         */
        boolean counts() {
            return kind == RecordKind.SELF_STUDY
                   || kind != RecordKind.CLASS_COMPLETED && (status == AttendanceStatus.PRESENT || status == AttendanceStatus.LATE);
        }
    }

    @EventListener
    @Transactional
    void on(SignedIn event) {
        RecordKind kind = switch (event.occasion().kind()) {
            case "SESSION" -> RecordKind.SESSION;
            case "LECTURE" -> RecordKind.LECTURE;
            default -> null;
        };
        OccasionProvider provider = kind == null ? null : providers.get(event.occasion().kind());
        if (provider == null) {
            return;
        }
        Occasion o = occasion(provider, event.occasion());
        if (o == null) {
            return;
        }
        write(new Fact(event.personId(), kind, event.occasion().kind(), event.occasion().id(), o.startsAt(), o.title(),
                o.context(), o.hours(), event.status()));
    }

    /**
     * The occasion, looked up once per transaction: the closing job and a hand mark of a whole class publish one event
     * per person for the same occasion, and each would otherwise read it again.
     */
    @SuppressWarnings("unchecked")
    private Occasion occasion(OccasionProvider provider, OccasionRef ref) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return provider.find(ref.id()).orElse(null);
        }
        Map<OccasionRef, Optional<Occasion>> seen = (Map<OccasionRef, Optional<Occasion>>) TransactionSynchronizationManager.getResource(this);
        if (seen == null) {
            Map<OccasionRef, Optional<Occasion>> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(StudyRecorder.this);
                }
            });
            seen = fresh;
        }
        return seen.computeIfAbsent(ref, r -> provider.find(r.id())).orElse(null);
    }

    @EventListener
    @Transactional
    void on(EnrollmentCompleted event) {
        var head = jdbc.sql("select c.title, u.name from rotation_class c join unit u on u.id = c.unit_id where c.id = :c")
                .param("c", event.classId()).query((rs, n) -> new String[]{rs.getString(1), rs.getString(2)}).optional();
        if (head.isEmpty()) {
            return;
        }
        write(new Fact(event.personId(), RecordKind.CLASS_COMPLETED, "CLASS", event.classId(), event.completedAt(),
                head.get()[0], head.get()[1], event.hours(), null));
    }

    /**
     * A verified self-study entry becomes a record, in the verification's transaction, chained like any other. It
     * happened on the day studied (its year is that day's year); the title is the trainee's, cut like any title.
     */
    @EventListener
    @Transactional
    void on(SelfStudyVerified event) {
        var title = jdbc.sql("select title from self_study where id = :id").param("id", event.entryId())
                .query(String.class).optional();
        if (title.isEmpty()) {
            return;
        }
        write(new Fact(event.personId(), RecordKind.SELF_STUDY, "SELF_STUDY", event.entryId(),
                event.studiedOn().atStartOfDay(Application.ZONE).toInstant(), title.get(), "", event.hours(), null));
    }

    /**
     * Inserts the record or, when one exists for the same person and thing, updates it if anything differs: one
     * statement, which also returns what the record said before. Then the trace of a correction and the log entry.
     * {@code old} reads the statement's snapshot (no FOR UPDATE: that would skip the row this very statement updates);
     * two changes of one sign-in do not race here, as the publisher's upsert of the sign-in row already holds its lock.
     */
    void write(Fact fact) {
        Instant now = clock.instant();
        String status = fact.status() == null ? null : fact.status().name();
        BigDecimal hours = (fact.hours() == null ? BigDecimal.ZERO : fact.hours()).setScale(1, RoundingMode.HALF_UP);
        Instant at = fact.occurredAt().truncatedTo(ChronoUnit.MICROS);
        var written = jdbc.sql("""
                        with old as (select status, hours from study_record
                                     where person_id = :person and kind = :kind and source_kind = :sk and source_id = :sid)
                        insert into study_record as r (person_id, kind, source_kind, source_id, year, occurred_at, title, context,
                                                       hours, status, counts, unit_id, updated_at)
                        select p.id, :kind, :sk, :sid, :year, :at, :title, :context, :hours, :status, :counts, p.unit_id, :now
                        from person p where p.id = :person
                        on conflict (person_id, kind, source_kind, source_id) do update
                           set year = excluded.year, occurred_at = excluded.occurred_at, title = excluded.title,
                               context = excluded.context, hours = excluded.hours, status = excluded.status,
                               counts = excluded.counts, version = r.version + 1, updated_at = excluded.updated_at
                           where (r.year, r.occurred_at, r.title, r.context, r.hours, r.status, r.counts)
                                 is distinct from (excluded.year, excluded.occurred_at, excluded.title, excluded.context,
                                                   excluded.hours, excluded.status, excluded.counts)
                        returning r.id, r.person_id, r.kind, r.source_kind, r.source_id, r.year, r.occurred_at, r.title,
                                  r.context, r.hours, r.status, r.counts, r.unit_id, r.version,
                                  exists (select 1 from old) as existed, (select status from old) as before_status,
                                  (select hours from old) as before_hours""")
                .param("person", fact.personId()).param("kind", fact.kind().name()).param("sk", fact.sourceKind())
                .param("sid", fact.sourceId()).param("year", at.atZone(Application.ZONE).getYear())
                .param("at", Timestamp.from(at)).param("title", text(fact.title(), "-")).param("context", text(fact.context(), ""))
                .param("hours", hours).param("status", status).param("counts", fact.counts()).param("now", Timestamp.from(now))
                .query((rs, n) -> new Written(StoredRecord.of(rs), rs.getBoolean("existed"), rs.getString("before_status"),
                        rs.getBigDecimal("before_hours")))
                .optional();
        if (written.isEmpty()) {
            return; // nothing changed, or no such person
        }
        Written w = written.get();
        if (w.existed()) {
            jdbc.sql("""
                            insert into study_record_change (record_id, before_status, after_status, before_hours, after_hours,
                                                             changed_at, changed_by)
                            values (:r, :bs, :as, :bh, :ah, :now, :by)""")
                    .param("r", w.record().id()).param("bs", w.beforeStatus()).param("as", w.record().status())
                    .param("bh", w.beforeHours()).param("ah", w.record().hours()).param("now", Timestamp.from(now))
                    .param("by", Callers.current().map(Caller::username).orElse("system")).update();
        }
        log.append(w.record(), w.existed() ? "UPDATE" : "CREATE", now);
    }

    private record Written(StoredRecord record, boolean existed, String beforeStatus, BigDecimal beforeHours) {
    }

    private static String text(String value, String blank) {
        String t = value == null ? "" : value.strip();
        if (t.length() > TITLE_MAX) {
            t = t.substring(0, TITLE_MAX);
        }
        return t.isEmpty() ? blank : t;
    }
}
