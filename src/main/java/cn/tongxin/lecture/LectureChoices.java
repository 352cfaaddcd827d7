package cn.tongxin.lecture;

import cn.tongxin.people.PersonLabel;
import cn.tongxin.people.PersonOption;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What the lecture form and the calendar's filters offer to pick: the current topics, the active lecturers (name and
 * unit), the lecture groups and the venues a caller may use. "May use" is the caller's own unit, the units below it
 * and the units above it: a city organizer books the province's lecturers and halls, the province the cities'.
 * {@code include} adds what an existing lecture already has (a topic no longer current, a lecturer made inactive), so
 * that editing it shows its values.
 */
@Service
public class LectureChoices {

    /** A unit path {@code u.path} in the caller's subtree or above it (":scope" is the caller's scope path). */
    private static final String USABLE = "(u.path like :scope || '%' or :scope like u.path || '%')";

    private final JdbcClient jdbc;
    private final Clock clock;

    LectureChoices(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record TopicChoice(long id, String title, BigDecimal hours, LocalDate currentFrom, LocalDate currentTo)
            implements Serializable {
    }

    public record VenueChoice(long id, String name, String address, int capacity, String unitName) implements Serializable {
    }

    public record GroupChoice(long id, String name, String unitName, Set<Long> memberIds) implements Serializable {
    }

    /** Topics current today (and {@code include}), newest period first. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<TopicChoice> topics(Long include) {
        return jdbc.sql("""
                        select t.id, t.title, t.hours, t.current_from, t.current_to from lecture_topic t join unit u on u.id = t.unit_id
                        where (""" + USABLE + " and :today between t.current_from and t.current_to) or t.id = :include"
                        + " order by t.current_from desc, t.title, t.id")
                .param("scope", scope()).param("today", Date.valueOf(LocalDate.now(clock)))
                .param("include", include == null ? -1L : include)
                .query((rs, n) -> new TopicChoice(rs.getLong("id"), rs.getString("title"), rs.getBigDecimal("hours"),
                        rs.getDate("current_from").toLocalDate(), rs.getDate("current_to").toLocalDate())).list();
    }

    /** Active lecturers (and {@code include}) by name. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<PersonOption> lecturers(Collection<Long> include) {
        // -1: no lecturer, so that "in" never gets an empty list.
        List<Long> also = include == null || include.isEmpty() ? List.of(-1L) : List.copyOf(include);
        return jdbc.sql("select p.id, u.name as unit_name, " + PersonLabel.COLUMNS + """
                         from lecturer l join person p on p.id = l.person_id join unit u on u.id = p.unit_id
                        where (l.active and p.status = 'ACTIVE' and""" + " " + USABLE + ") or p.id in (:also)"
                        + " order by p.name, p.id")
                .param("scope", scope()).param("also", also)
                .query((rs, n) -> new PersonOption(rs.getLong("id"), PersonLabel.read(rs), rs.getString("unit_name"))).list();
    }

    /** Lecture groups with their members (picking a group proposes its members as the lecturers). */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional(readOnly = true)
    public List<GroupChoice> groups(Long include) {
        return jdbc.sql("""
                        select g.id, g.name, u.name as unit_name,
                               array(select m.person_id from lecture_group_member m where m.group_id = g.id) as members
                        from lecture_group g join unit u on u.id = g.unit_id
                        where""" + " " + USABLE + " or g.id = :include order by u.path, g.name")
                .param("scope", scope()).param("include", include == null ? -1L : include)
                .query((rs, n) -> new GroupChoice(rs.getLong("id"), rs.getString("name"), rs.getString("unit_name"),
                        ids(rs.getArray("members")))).list();
    }

    /** Active venues (and {@code include}), the caller's own units' first. */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional(readOnly = true)
    public List<VenueChoice> venues(Long include) {
        return jdbc.sql("""
                        select v.id, v.name, v.address, v.capacity, u.name as unit_name
                        from lecture_venue v join unit u on u.id = v.unit_id
                        where (v.active and""" + " " + USABLE + ") or v.id = :include"
                        + " order by (u.path like :scope || '%') desc, u.path, v.name")
                .param("scope", scope()).param("include", include == null ? -1L : include)
                .query((rs, n) -> new VenueChoice(rs.getLong("id"), rs.getString("name"), rs.getString("address"),
                        rs.getInt("capacity"), rs.getString("unit_name"))).list();
    }

    private static String scope() {
        Caller caller = Callers.require();
        return caller.scopePath();
    }

    private static Set<Long> ids(Array array) throws java.sql.SQLException {
        if (array == null) {
            return Set.of();
        }
        return Set.copyOf(Arrays.stream((Object[]) array.getArray()).map(o -> ((Number) o).longValue()).toList());
    }
}
