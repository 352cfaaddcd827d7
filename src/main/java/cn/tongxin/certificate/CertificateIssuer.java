package cn.tongxin.certificate;

import cn.tongxin.rotation.EnrollmentCompleted;
import cn.tongxin.Application;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Issues the certificate when rotation records a completion. Deliberately a synchronous listener: it runs inside
 * the completion's transaction, so a completion and its certificate commit (or roll back) together and tests see
 * the number right away.
 */
@Component
class CertificateIssuer {

    private final JdbcClient jdbc;

    CertificateIssuer(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(EnrollmentCompleted event) {
        issue(event.enrollmentId(), event.hours(), event.completedAt());
    }

    /** Issues the certificate of a completed enrollment, or updates its hours; returns its number. */
    String issue(long enrollmentId, BigDecimal hours, Instant completedAt) {
        String year = String.valueOf(completedAt.atZone(Application.ZONE).getYear());
        return jdbc.sql("""
                        insert into certificate (number, enrollment_id, person_id, class_id, hours, issued_at)
                        select 'TX-' || :year || '-' || lpad(nextval('certificate_number_seq')::text, 6, '0') || '-'
                                   || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 10)),
                               e.id, e.person_id, e.class_id, :hours, :at
                        from rotation_enrollment e where e.id = :e and e.status = 'COMPLETED'
                          and not exists (select 1 from certificate x where x.enrollment_id = e.id)
                        on conflict (enrollment_id) do nothing""")
                .param("year", year).param("hours", hours).param("at", Timestamp.from(completedAt)).param("e", enrollmentId)
                .update() == 1
                ? number(enrollmentId)
                : updateHours(enrollmentId, hours);
    }

    private String updateHours(long enrollmentId, BigDecimal hours) {
        jdbc.sql("update certificate set hours = :h where enrollment_id = :e").param("h", hours).param("e", enrollmentId).update();
        return number(enrollmentId);
    }

    private String number(long enrollmentId) {
        return jdbc.sql("select number from certificate where enrollment_id = :e").param("e", enrollmentId)
                .query(String.class).optional().orElse(null);
    }
}
