package cn.tongxin.rotation;

import cn.tongxin.attendance.Occasion;
import cn.tongxin.attendance.OccasionProvider;
import cn.tongxin.attendance.OccasionRef;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Class sessions as sign-in occasions (kind {@value #KIND}): the window comes from the session's settings,
 * and everyone enrolled in the class and not declined, withdrawn or waiting is expected.
 */
@Component
class SessionOccasions implements OccasionProvider {

    static final String KIND = "SESSION";

    /** Enrollment states of people who are expected at the sessions. */
    private static final String EXPECTED = "e.status in ('INVITED', 'CONFIRMED', 'COMPLETED', 'NOT_COMPLETED')";

    /** A closed class's sessions close for sign-in when the class was closed (least() ignores a null closed_at). */
    private static final String SELECT = """
            select s.id, s.title, c.title as class_title, coalesce(s.place, c.venue, '') as place, s.starts_at, s.ends_at,
                   least(s.starts_at - make_interval(mins => s.signin_opens_before), c.closed_at) as opens_at,
                   least(s.starts_at + make_interval(mins => s.signin_late_after), c.closed_at) as late_at,
                   least(s.starts_at + make_interval(mins => s.signin_closes_after), c.closed_at) as closes_at,
                   u.path as unit_path, s.hours
            from rotation_session s join rotation_class c on c.id = s.class_id join unit u on u.id = c.unit_id
            """;

    private final JdbcClient jdbc;
    private final ClassAttendance attendance;

    SessionOccasions(JdbcClient jdbc, ClassAttendance attendance) {
        this.jdbc = jdbc;
        this.attendance = attendance;
    }

    static OccasionRef ref(long sessionId) {
        return new OccasionRef(KIND, sessionId);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String ownersQuery() {
        return "select s.id, u.path as unit_path from rotation_session s join rotation_class c on c.id = s.class_id"
                + " join unit u on u.id = c.unit_id";
    }

    /** A session is shown on its class's page. */
    @Override
    public Map<Long, String> pagesOf(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("select id, class_id from rotation_session where id in (:ids)").param("ids", ids)
                .query((rs, n) -> Map.entry(rs.getLong(1), "rotation/class/" + rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Override
    public Optional<Occasion> find(long id) {
        return jdbc.sql(SELECT + " where s.id = :id").param("id", id).query(SessionOccasions::occasion).optional();
    }

    @Override
    public Map<Long, Occasion> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql(SELECT + " where s.id in (:ids)").param("ids", ids).query(SessionOccasions::occasion).list().stream()
                .collect(Collectors.toMap(o -> o.ref().id(), o -> o));
    }

    @Override
    public boolean expects(long occasionId, long personId) {
        return jdbc.sql("""
                        select exists (select 1 from rotation_session s join rotation_enrollment e on e.class_id = s.class_id
                                       where s.id = :id and e.person_id = :person and\s""" + EXPECTED + ")")
                .param("id", occasionId).param("person", personId).query(Boolean.class).single();
    }

    @Override
    public List<Long> expectedPeople(long occasionId) {
        return jdbc.sql("""
                        select e.person_id from rotation_session s join rotation_enrollment e on e.class_id = s.class_id
                        where s.id = :id and\s""" + EXPECTED)
                .param("id", occasionId).query(Long.class).list();
    }

    @Override
    public int expectedCount(long occasionId) {
        return jdbc.sql("""
                        select count(*) from rotation_session s join rotation_enrollment e on e.class_id = s.class_id
                        where s.id = :id and\s""" + EXPECTED)
                .param("id", occasionId).query(Integer.class).single();
    }

    @Override
    public List<Occasion> openFor(long personId, Instant at) {
        return jdbc.sql(SELECT + """
                         join rotation_enrollment e on e.class_id = c.id
                        where e.person_id = :person and\s""" + EXPECTED + """
                          and :at >= s.starts_at - make_interval(mins => s.signin_opens_before)
                          and :at < s.starts_at + make_interval(mins => s.signin_closes_after)
                          and c.closed_at is null""")
                .param("person", personId).param("at", Timestamp.from(at)).query(SessionOccasions::occasion).list();
    }

    @Override
    public List<Occasion> startingBetween(Instant from, Instant to) {
        return jdbc.sql(SELECT + " where s.starts_at >= :from and s.starts_at < :to order by s.starts_at")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).query(SessionOccasions::occasion).list();
    }

    @Override
    public List<Occasion> closedBetween(Instant from, Instant to) {
        // Windows close at most a day after the start: look at sessions starting in [from - 1 day, to).
        return jdbc.sql(SELECT + """
                         where s.starts_at >= :earliest and s.starts_at < :to
                          and s.starts_at + make_interval(mins => s.signin_closes_after) >= :from
                          and s.starts_at + make_interval(mins => s.signin_closes_after) < :to
                          and (c.closed_at is null or s.starts_at < c.closed_at)""")
                .param("earliest", Timestamp.from(from.minus(Duration.ofDays(1)))).param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to)).query(SessionOccasions::occasion).list();
    }

    @Override
    public List<Occasion> closedFor(long personId, Instant from, Instant to) {
        return jdbc.sql(SELECT + """
                         join rotation_enrollment e on e.class_id = c.id
                        where e.person_id = :person and\s""" + EXPECTED + """
                          and s.starts_at >= :earliest and s.starts_at < :to
                          and least(s.starts_at + make_interval(mins => s.signin_closes_after), c.closed_at) >= :from
                          and least(s.starts_at + make_interval(mins => s.signin_closes_after), c.closed_at) <= :to""")
                .param("person", personId).param("earliest", Timestamp.from(from.minus(Duration.ofDays(1))))
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).query(SessionOccasions::occasion).list();
    }

    @Override
    public List<Occasion> upcomingFor(long personId, Instant from) {
        return jdbc.sql(SELECT + """
                         join rotation_enrollment e on e.class_id = c.id
                        where e.person_id = :person and\s""" + EXPECTED + """
                          and s.starts_at >= :from and c.closed_at is null order by s.starts_at limit 200""")
                .param("person", personId).param("from", Timestamp.from(from)).query(SessionOccasions::occasion).list();
    }

    /** The class's leave limit, the leave recorded before this one, and this session's hours ({@link ClassAttendance}). */
    @Override
    public Optional<LeaveBudget> leaveBudget(long occasionId, long personId) {
        Attendee one = new Attendee(occasionId, personId);
        return Optional.ofNullable(attendance.budgets(List.of(one)).get(one));
    }

    @Override
    public Map<Attendee, LeaveBudget> leaveBudgets(Collection<Attendee> attendees) {
        return attendance.budgets(attendees);
    }

    private static Occasion occasion(ResultSet rs, int n) throws SQLException {
        return new Occasion(ref(rs.getLong("id")), rs.getString("title"), rs.getString("class_title"), rs.getString("place"),
                rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                rs.getTimestamp("opens_at").toInstant(), rs.getTimestamp("late_at").toInstant(),
                rs.getTimestamp("closes_at").toInstant(), rs.getString("unit_path"), rs.getBigDecimal("hours"));
    }
}
