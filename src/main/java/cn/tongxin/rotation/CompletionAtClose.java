package cn.tongxin.rotation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;

/**
 * Decides at the close of a class, from the session sign-ins, who completed it (结业): attended share (present or late)
 * of all sessions ≥ the class's minimum, hours on leave ≤ the leave share of the class hours, attended hours ≥ the
 * minimum hours. Only people still invited or confirmed are decided: the organizer's hand marks stay.
 * One SQL over sign_in, rotation_session and rotation_enrollment; runs inside the closing transaction.
 */
@Component
class CompletionAtClose {

    /** Per person of a closing class: the figures and the verdict. */
    record Verdict(long personId, int attended, BigDecimal attendedHours, BigDecimal leaveHours, boolean completed) {
    }

    private final JdbcClient jdbc;
    private final EnrollmentService enrollment;

    CompletionAtClose(JdbcClient jdbc, EnrollmentService enrollment) {
        this.jdbc = jdbc;
        this.enrollment = enrollment;
    }

    List<Verdict> verdicts(long classId) {
        return jdbc.sql("""
                        with sess as (select id, hours from rotation_session where class_id = :c),
                             total as (select count(*) as n, coalesce(sum(hours), 0) as h from sess),
                             per as (
                               select e.person_id,
                                      count(si.id) filter (where si.status in ('PRESENT', 'LATE')) as attended,
                                      coalesce(sum(s.hours) filter (where si.status in ('PRESENT', 'LATE')), 0) as attended_hours,
                                      coalesce(sum(s.hours) filter (where si.status = 'LEAVE'), 0) as leave_hours
                               from rotation_enrollment e
                               left join sess s on true
                               left join sign_in si on si.occasion_kind = :kind and si.occasion_id = s.id
                                                   and si.person_id = e.person_id
                               where e.class_id = :c and e.status in ('INVITED', 'CONFIRMED')
                               group by e.person_id)
                        select per.person_id, per.attended, per.attended_hours, per.leave_hours,
                               (t.n > 0 and per.attended * 100 >= c.min_attendance_pct * t.n
                                and per.leave_hours <= c.max_leave_share * t.h
                                and per.attended_hours >= c.min_hours) as completed
                        from per cross join total t join rotation_class c on c.id = :c
                        order by per.person_id""")
                .param("c", classId).param("kind", SessionOccasions.KIND)
                .query((rs, n) -> new Verdict(rs.getLong("person_id"), rs.getInt("attended"),
                        rs.getBigDecimal("attended_hours"), rs.getBigDecimal("leave_hours"), rs.getBoolean("completed")))
                .list();
    }

    /** Records the verdicts; the caller holds the class lock and the transaction. */
    void apply(long classId) {
        for (Verdict v : verdicts(classId)) {
            if (v.completed()) {
                enrollment.markCompleted(classId, v.personId(), v.attendedHours());
            } else {
                enrollment.markNotCompleted(classId, v.personId());
            }
        }
    }
}
