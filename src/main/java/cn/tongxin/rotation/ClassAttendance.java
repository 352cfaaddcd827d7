package cn.tongxin.rotation;

import cn.tongxin.attendance.OccasionProvider.Attendee;
import cn.tongxin.attendance.OccasionProvider.LeaveBudget;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the sign-ins of a class's sessions say about each person, read by the completion rule, the hand-marked
 * completion, the leave approval list and the trainee's leave list alike: sessions attended (present or late) and
 * their hours, and each leave with the class's leave budget at that point ({@link LeaveBudget#excused()} decides).
 * <p>
 * The class's leave limit is its leave share of the class hours, to 0.1 h; leave is spent in the order it was
 * recorded (approved, or marked by hand): time, then id.
 */
@Component
class ClassAttendance {

    /** A person's figures in one class. */
    record Figures(long personId, int sessions, int attended, BigDecimal attendedHours, List<LeaveBudget> leave) {

        int excused() {
            return (int) leave.stream().filter(LeaveBudget::excused).count();
        }

        /**
         * The class's completion rule: of the sessions that count (all but the excused leave), the share attended
         * reaches the minimum, and so do the hours attended. Leave beyond the limit counts like an absence.
         */
        boolean completes(int minAttendancePct, BigDecimal minHours) {
            int counted = sessions - excused();
            return counted > 0 && attended * 100L >= (long) minAttendancePct * counted
                   && attendedHours.compareTo(minHours) >= 0;
        }
    }

    /** Budget columns for the pairs in {@code q(session_id, person_id)}: limit, leave recorded before, hours. */
    private static final String BUDGETS = """
            select q.session_id, q.person_id,
                   round(c.max_leave_share * (select coalesce(sum(a.hours), 0) from rotation_session a
                                              where a.class_id = c.id), 1) as limit_hours,
                   (select coalesce(sum(o.hours), 0) from sign_in l join rotation_session o on o.id = l.occasion_id
                     where l.occasion_kind = 'SESSION' and l.status = 'LEAVE' and l.person_id = q.person_id
                       and o.class_id = s.class_id and o.id <> s.id
                       and (mine.id is null or (l.signed_at, l.id) < (mine.signed_at, mine.id))) as taken_before,
                   s.hours
            from unnest(cast(:sessions as bigint[]), cast(:people as bigint[])) as q(session_id, person_id)
            join rotation_session s on s.id = q.session_id join rotation_class c on c.id = s.class_id
            left join sign_in mine on mine.occasion_kind = 'SESSION' and mine.occasion_id = s.id
                                  and mine.person_id = q.person_id and mine.status = 'LEAVE'
            """;

    private final JdbcClient jdbc;

    ClassAttendance(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Leave budgets of people at sessions (attendees of kind SESSION), in one query. */
    Map<Attendee, LeaveBudget> budgets(Collection<Attendee> attendees) {
        if (attendees.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql(BUDGETS)
                .param("sessions", attendees.stream().map(Attendee::occasionId).toArray(Long[]::new))
                .param("people", attendees.stream().map(Attendee::personId).toArray(Long[]::new))
                .query((rs, n) -> Map.entry(new Attendee(rs.getLong("session_id"), rs.getLong("person_id")),
                        new LeaveBudget(rs.getBigDecimal("limit_hours"), rs.getBigDecimal("taken_before"),
                                rs.getBigDecimal("hours"))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    }

    /** The figures of everyone in the class whose enrollment is in one of {@code statuses}. */
    List<Figures> of(long classId, Collection<EnrollmentStatus> statuses) {
        return figures(classId, null, statuses);
    }

    /** One person's figures in the class (zeros if they have no sign-ins). */
    Figures of(long classId, long personId) {
        List<Figures> found = figures(classId, personId, List.of(EnrollmentStatus.values()));
        return found.isEmpty() ? new Figures(personId, 0, 0, BigDecimal.ZERO, List.of()) : found.getFirst();
    }

    private List<Figures> figures(long classId, Long personId, Collection<EnrollmentStatus> statuses) {
        record Row(long personId, int sessions, int attended, BigDecimal hours, List<Long> leaveSessions) {
        }
        List<Row> rows = jdbc.sql("""
                        with sess as (select id, hours from rotation_session where class_id = :c)
                        select e.person_id, (select count(*) from sess) as sessions,
                               count(si.id) filter (where si.status in ('PRESENT', 'LATE')) as attended,
                               coalesce(sum(s.hours) filter (where si.status in ('PRESENT', 'LATE')), 0) as attended_hours,
                               coalesce(array_agg(s.id order by s.id) filter (where si.status = 'LEAVE'), '{}') as leave_sessions
                        from rotation_enrollment e
                        left join sess s on true
                        left join sign_in si on si.occasion_kind = :kind and si.occasion_id = s.id and si.person_id = e.person_id
                        where e.class_id = :c and e.status in (:statuses) and (cast(:p as bigint) is null or e.person_id = :p)
                        group by e.person_id
                        order by e.person_id""")
                .param("c", classId).param("kind", SessionOccasions.KIND).param("p", personId)
                .param("statuses", statuses.stream().map(Enum::name).toList())
                .query((rs, n) -> new Row(rs.getLong("person_id"), rs.getInt("sessions"), rs.getInt("attended"),
                        rs.getBigDecimal("attended_hours"), List.of((Long[]) rs.getArray("leave_sessions").getArray())))
                .list();
        Map<Attendee, LeaveBudget> budgets = budgets(rows.stream()
                .flatMap(r -> r.leaveSessions().stream().map(s -> new Attendee(s, r.personId()))).toList());
        return rows.stream().map(r -> new Figures(r.personId(), r.sessions(), r.attended(), r.hours(),
                r.leaveSessions().stream().map(s -> budgets.get(new Attendee(s, r.personId()))).toList())).toList();
    }
}
