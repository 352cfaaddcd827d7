package cn.tongxin.lecture;

import cn.tongxin.base.CalendarEntries;
import cn.tongxin.base.CalendarFile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Lectures in the calendar feeds: a person's are the published (or held) lectures they give or are invited to and
 * did not decline; a unit's are the ones it organizes. Each is the same event as its invitation mail (UID
 * {@code lecture-<id>@tongxin}, the same SEQUENCE), so a calendar holding both shows it once.
 */
@Component
class LectureCalendar implements CalendarEntries {

    private static final String SELECT = """
            select l.id, l.title, t.title as topic, l.starts_at, l.ends_at, l.ics_sequence, l.status, l.cancel_reason,
                   concat_ws(' ', v.name, v.address, l.place) as place
            from lecture l join lecture_topic t on t.id = l.topic_id left join lecture_venue v on v.id = l.venue_id
            where l.status in ('PUBLISHED', 'HELD') and l.starts_at >= :from and l.starts_at < :to
            """;

    private final JdbcClient jdbc;
    private final String baseUrl;
    /** RFC 5546 wants an ORGANIZER on a published event: the portal's own address, as in the invitations. */
    private final String organizer;

    LectureCalendar(JdbcClient jdbc, @Value("${tongxin.base-url:http://localhost:8080}") String baseUrl,
                    @Value("${tongxin.mail.from:noreply@tongxin.local}") String organizer) {
        this.jdbc = jdbc;
        this.baseUrl = baseUrl;
        this.organizer = organizer;
    }

    @Override
    public List<CalendarFile.Event> forPerson(long personId, Instant from, Instant to) {
        return jdbc.sql(SELECT + """
                          and (exists (select 1 from lecture_lecturer ll where ll.lecture_id = l.id and ll.person_id = :p
                                       and not ll.cancelled)
                               or exists (select 1 from lecture_invitee li where li.lecture_id = l.id and li.person_id = :p
                                          and li.response <> 'DECLINED'))
                        order by l.starts_at, l.id""")
                .param("p", personId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(this::event).list();
    }

    @Override
    public List<CalendarFile.Event> forUnit(long unitId, Instant from, Instant to) {
        return jdbc.sql(SELECT + " and l.unit_id = :unit order by l.starts_at, l.id")
                .param("unit", unitId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(this::event).list();
    }

    private CalendarFile.Event event(ResultSet rs, int n) throws SQLException {
        var info = new LectureInvitations.Info(rs.getLong("id"), rs.getString("title"), rs.getString("topic"),
                rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(), rs.getString("place"),
                rs.getInt("ics_sequence"), rs.getString("status"), rs.getString("cancel_reason"));
        return LectureInvitations.event(info, baseUrl, organizer, false);
    }
}
