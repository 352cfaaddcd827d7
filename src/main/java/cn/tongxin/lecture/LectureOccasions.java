package cn.tongxin.lecture;

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
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Lectures as sign-in occasions (kind {@value #KIND}): the door QR, the typed code, the kiosk, hand marks, the live
 * board, leave, anomalies and the closing job work for them as for class sessions. Expected are the invitees of a
 * published (or held) lecture who have not declined. A cancelled lecture's sign-in is closed.
 */
@Component
class LectureOccasions implements OccasionProvider {

    static final String KIND = "LECTURE";

    private static final String EXPECTED = "li.response <> 'DECLINED'";
    private static final String LIVE = "l.status in ('PUBLISHED', 'HELD')";

    /** A cancelled or planned lecture's window is shut: it opens, turns late and closes at the same instant. */
    private static final String SELECT = """
            select l.id, l.title, t.title as topic_title, concat_ws(' ', v.name, l.place) as place, l.starts_at, l.ends_at,
                   l.starts_at - make_interval(mins => l.signin_opens_before) as opens_at,
                   case when l.status in ('PUBLISHED', 'HELD') then l.starts_at + make_interval(mins => l.signin_late_after)
                        else l.starts_at - make_interval(mins => l.signin_opens_before) end as late_at,
                   case when l.status in ('PUBLISHED', 'HELD') then l.starts_at + make_interval(mins => l.signin_closes_after)
                        else l.starts_at - make_interval(mins => l.signin_opens_before) end as closes_at,
                   u.path as unit_path, l.hours
            from lecture l join lecture_topic t on t.id = l.topic_id join unit u on u.id = l.unit_id
            left join lecture_venue v on v.id = l.venue_id
            """;

    private final JdbcClient jdbc;

    LectureOccasions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OccasionRef ref(long lectureId) {
        return new OccasionRef(KIND, lectureId);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String ownersQuery() {
        return "select l.id, u.path as unit_path from lecture l join unit u on u.id = l.unit_id";
    }

    @Override
    public Map<Long, String> pagesOf(Collection<Long> ids) {
        return ids.stream().distinct().collect(Collectors.toMap(Function.identity(), id -> "lectures/" + id));
    }

    @Override
    public Optional<Occasion> find(long id) {
        return jdbc.sql(SELECT + " where l.id = :id").param("id", id).query(LectureOccasions::occasion).optional();
    }

    @Override
    public Map<Long, Occasion> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql(SELECT + " where l.id in (:ids)").param("ids", ids).query(LectureOccasions::occasion).list().stream()
                .collect(Collectors.toMap(o -> o.ref().id(), o -> o));
    }

    @Override
    public boolean expects(long occasionId, long personId) {
        return jdbc.sql("select exists (select 1 from lecture l join lecture_invitee li on li.lecture_id = l.id"
                        + " where l.id = :id and li.person_id = :person and " + EXPECTED + " and " + LIVE + ")")
                .param("id", occasionId).param("person", personId).query(Boolean.class).single();
    }

    @Override
    public List<Long> expectedPeople(long occasionId) {
        return jdbc.sql("select li.person_id from lecture l join lecture_invitee li on li.lecture_id = l.id"
                        + " where l.id = :id and " + EXPECTED + " and " + LIVE)
                .param("id", occasionId).query(Long.class).list();
    }

    @Override
    public int expectedCount(long occasionId) {
        return jdbc.sql("select count(*) from lecture l join lecture_invitee li on li.lecture_id = l.id"
                        + " where l.id = :id and " + EXPECTED + " and " + LIVE)
                .param("id", occasionId).query(Integer.class).single();
    }

    @Override
    public List<Occasion> openFor(long personId, Instant at) {
        return jdbc.sql(SELECT + " join lecture_invitee li on li.lecture_id = l.id where li.person_id = :person and "
                        + EXPECTED + " and " + LIVE + """
                          and :at >= l.starts_at - make_interval(mins => l.signin_opens_before)
                          and :at < l.starts_at + make_interval(mins => l.signin_closes_after)""")
                .param("person", personId).param("at", Timestamp.from(at)).query(LectureOccasions::occasion).list();
    }

    @Override
    public List<Occasion> startingBetween(Instant from, Instant to) {
        return jdbc.sql(SELECT + " where l.starts_at >= :from and l.starts_at < :to and " + LIVE + " order by l.starts_at")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).query(LectureOccasions::occasion).list();
    }

    @Override
    public List<Occasion> closedBetween(Instant from, Instant to) {
        // Windows close at most a day after the start: look at lectures starting in [from - 1 day, to).
        return jdbc.sql(SELECT + " where " + LIVE + """
                          and l.starts_at >= :earliest and l.starts_at < :to
                          and l.starts_at + make_interval(mins => l.signin_closes_after) >= :from
                          and l.starts_at + make_interval(mins => l.signin_closes_after) < :to""")
                .param("earliest", Timestamp.from(from.minus(Duration.ofDays(1)))).param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to)).query(LectureOccasions::occasion).list();
    }

    @Override
    public List<Occasion> closedFor(long personId, Instant from, Instant to) {
        return jdbc.sql(SELECT + " join lecture_invitee li on li.lecture_id = l.id where li.person_id = :person and "
                        + EXPECTED + " and " + LIVE + """
                          and l.starts_at >= :earliest and l.starts_at < :to
                          and l.starts_at + make_interval(mins => l.signin_closes_after) >= :from
                          and l.starts_at + make_interval(mins => l.signin_closes_after) <= :to""")
                .param("person", personId).param("earliest", Timestamp.from(from.minus(Duration.ofDays(1))))
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).query(LectureOccasions::occasion).list();
    }

    @Override
    public List<Occasion> upcomingFor(long personId, Instant from) {
        return jdbc.sql(SELECT + " join lecture_invitee li on li.lecture_id = l.id where li.person_id = :person and "
                        + EXPECTED + " and " + LIVE + " and l.starts_at >= :from order by l.starts_at limit 200")
                .param("person", personId).param("from", Timestamp.from(from)).query(LectureOccasions::occasion).list();
    }

    private static Occasion occasion(ResultSet rs, int n) throws SQLException {
        return new Occasion(ref(rs.getLong("id")), rs.getString("title"), rs.getString("topic_title"), rs.getString("place"),
                rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                rs.getTimestamp("opens_at").toInstant(), rs.getTimestamp("late_at").toInstant(),
                rs.getTimestamp("closes_at").toInstant(), rs.getString("unit_path"), rs.getBigDecimal("hours"));
    }
}
