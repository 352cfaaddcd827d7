package cn.tongxin.rotation;

import cn.tongxin.base.CalendarEntries;
import cn.tongxin.base.CalendarFile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * A person's class sessions in their calendar feed: every session of a published (or running, or closed) class
 * they are enrolled in and expected at, one event each; the SEQUENCE follows the session's version, so a moved
 * session moves in the calendar program too.
 */
@Component
class SessionCalendar implements CalendarEntries {

    private final JdbcClient jdbc;
    private final String baseUrl;
    /** RFC 5546 wants an ORGANIZER on a published event: the portal's own address, as in the invitations. */
    private final String organizer;

    SessionCalendar(JdbcClient jdbc, @Value("${tongxin.base-url:http://localhost:8080}") String baseUrl,
                    @Value("${tongxin.mail.from:noreply@tongxin.local}") String organizer) {
        this.jdbc = jdbc;
        this.baseUrl = baseUrl;
        this.organizer = organizer;
    }

    @Override
    public List<CalendarFile.Event> forPerson(long personId, Instant from, Instant to) {
        return jdbc.sql("""
                        select s.id, s.version, s.title, c.title as class_title, coalesce(s.place, c.venue) as place,
                               s.starts_at, s.ends_at
                        from rotation_enrollment e join rotation_class c on c.id = e.class_id
                        join rotation_session s on s.class_id = c.id
                        where e.person_id = :person and e.status in ('INVITED', 'CONFIRMED', 'COMPLETED', 'NOT_COMPLETED')
                          and c.status <> 'DRAFT' and s.starts_at >= :from and s.starts_at < :to
                        order by s.starts_at, s.id""")
                .param("person", personId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> CalendarFile.Event.timed("rotation-session-" + rs.getLong("id") + "@tongxin",
                        rs.getInt("version"), rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                        rs.getString("title"), rs.getString("place"), rs.getString("class_title"), baseUrl + "/my/classes",
                        organizer, false))
                .list();
    }
}
