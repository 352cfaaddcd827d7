package cn.tongxin.lecture;

import cn.tongxin.audit.AuditService;
import cn.tongxin.base.DomainException;
import cn.tongxin.people.Audience;
import cn.tongxin.people.PersonLabel;
import cn.tongxin.people.PersonOption;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The lecture schedule (宣讲安排). A lecture belongs to its organizing unit: organizers of that unit's subtree
 * manage it, organizers and checkers of it and above read it, its lecturers and invitees read it too. A lecturer
 * is never in two places at once and a venue never holds two lectures at once: {@link #clashes} says so before
 * saving, and the database's exclusion constraints refuse it when two organizers save at the same moment.
 */
@Service
public class LectureService {

    static final String TARGET = "LECTURE";
    static final String MANAGERS = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "')";
    static final String READERS = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "','" + Roles.CHECKER + "')";

    private final JdbcClient jdbc;
    private final AuditService audit;
    private final Clock clock;
    private final LectureInvitations invitations;

    LectureService(JdbcClient jdbc, AuditService audit, Clock clock, LectureInvitations invitations) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.invitations = invitations;
    }

    // ---------------------------------------------------------------- reading

    /** The lectures of the calendar: in the caller's scope (and, for lecturers and invitees, their own). Paged by time. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<LectureRow> search(LectureQuery q, int limit) {
        Caller caller = Callers.require();
        Map<String, Object> params = new HashMap<>();
        List<String> where = new ArrayList<>();
        where.add("l.starts_at >= :from and l.starts_at < :to");
        params.put("from", Timestamp.from(q.from()));
        params.put("to", Timestamp.from(q.to()));
        where.add(visibleTo(caller, params));
        if (q.unitId() != null) {
            where.add("u.path like (select path from unit where id = :unit) || '%'");
            params.put("unit", q.unitId());
        }
        if (q.lecturerId() != null) {
            where.add("exists (select 1 from lecture_lecturer ll where ll.lecture_id = l.id and ll.person_id = :lecturer)");
            params.put("lecturer", q.lecturerId());
        }
        if (q.topicId() != null) {
            where.add("l.topic_id = :topic");
            params.put("topic", q.topicId());
        }
        if (q.status() != null) {
            where.add("l.status = :status");
            params.put("status", q.status().name());
        }
        params.put("limit", limit);
        return jdbc.sql(ROW_SELECT + " where " + String.join(" and ", where) + " order by l.starts_at, l.id limit :limit")
                .params(params).query(LectureService::row).list();
    }

    static final String ROW_SELECT = """
            select l.id, l.title, t.title as topic_title, l.unit_id, u.name as unit_name, l.starts_at, l.ends_at, l.status,
                   l.expected_count, concat_ws(' ', v.name, l.place) as place,
                   (select string_agg(p.name, '、' order by p.name) from lecture_lecturer ll join person p on p.id = ll.person_id
                     where ll.lecture_id = l.id) as lecturers
            from lecture l join lecture_topic t on t.id = l.topic_id join unit u on u.id = l.unit_id
            left join lecture_venue v on v.id = l.venue_id
            """;

    static LectureRow row(ResultSet rs, int n) throws SQLException {
        return new LectureRow(rs.getLong("id"), rs.getString("title"), rs.getString("topic_title"), rs.getLong("unit_id"),
                rs.getString("unit_name"), Objects.toString(rs.getString("lecturers"), ""),
                Objects.toString(rs.getString("place"), ""), rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("ends_at").toInstant(), LectureStatus.valueOf(rs.getString("status")),
                rs.getInt("expected_count"));
    }

    /**
     * The condition over {@code l} (lecture) and {@code u} (its unit) of the lectures a caller may see: organizers and
     * checkers their unit's subtree and the units above it (a province's lectures reach the cities), administrators
     * all; anybody the published lectures they give or are invited to.
     */
    static String visibleTo(Caller caller, Map<String, Object> params) {
        List<String> any = new ArrayList<>();
        if (caller.isAdmin()) {
            any.add("true");
        } else if (caller.has(Roles.ORGANIZER) || caller.has(Roles.CHECKER)) {
            any.add("u.path like :scope");
            params.put("scope", caller.unitPath() + "%");
            any.add("(l.status <> 'PLANNED' and :own like u.path || '%')");
            params.put("own", caller.unitPath());
        }
        if (caller.personId() != null) {
            any.add("exists (select 1 from lecture_lecturer ll where ll.lecture_id = l.id and ll.person_id = :me)");
            any.add("(l.status <> 'PLANNED' and exists (select 1 from lecture_invitee li where li.lecture_id = l.id and li.person_id = :me))");
            params.put("me", caller.personId());
        }
        return any.isEmpty() ? "false" : "(" + String.join(" or ", any) + ")";
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public LectureDetail get(long id) {
        LectureDetail d = load(id);
        Caller caller = Callers.require();
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        boolean visible = jdbc.sql("select exists (select 1 from lecture l join unit u on u.id = l.unit_id where l.id = :id and "
                                   + visibleTo(caller, params) + ")").params(params).query(Boolean.class).single();
        if (!visible) {
            throw new AccessDeniedException("lecture outside scope");
        }
        return d;
    }

    /** Whether the caller may change this lecture (organizer of its unit's subtree, or an administrator). */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public boolean canManage(long id) {
        Caller caller = Callers.require();
        return manages(caller, unitPathOf(id));
    }

    /** What the lecture would clash with: other lectures of the same lecturers or at the same venue, at overlapping times. */
    @PreAuthorize(MANAGERS)
    @Transactional(readOnly = true)
    public List<Clash> clashes(LectureData d, Long exceptLectureId) {
        if (d.startsAt() == null || d.endsAt() == null || !d.endsAt().isAfter(d.startsAt())) {
            return List.of();
        }
        Map<String, Object> params = new HashMap<>();
        params.put("s", Timestamp.from(d.startsAt()));
        params.put("e", Timestamp.from(d.endsAt()));
        params.put("except", exceptLectureId == null ? -1L : exceptLectureId);
        List<Clash> found = new ArrayList<>();
        if (!d.lecturerIds().isEmpty()) {
            params.put("lecturers", d.lecturerIds());
            found.addAll(jdbc.sql("""
                            select p.name as who, l.id, l.title, l.starts_at, l.ends_at from lecture_lecturer ll
                            join lecture l on l.id = ll.lecture_id join person p on p.id = ll.person_id
                            where ll.person_id in (:lecturers) and not ll.cancelled and l.id <> :except
                              and ll.during && tstzrange(:s, :e) order by l.starts_at""")
                    .params(params).query((rs, n) -> clash(Clash.Kind.LECTURER, rs)).list());
        }
        if (d.venueId() != null) {
            params.put("venue", d.venueId());
            found.addAll(jdbc.sql("""
                            select v.name as who, l.id, l.title, l.starts_at, l.ends_at from lecture l
                            join lecture_venue v on v.id = l.venue_id
                            where l.venue_id = :venue and l.status <> 'CANCELLED' and l.id <> :except
                              and l.during && tstzrange(:s, :e) order by l.starts_at""")
                    .params(params).query((rs, n) -> clash(Clash.Kind.VENUE, rs)).list());
        }
        return found;
    }

    private static Clash clash(Clash.Kind kind, ResultSet rs) throws SQLException {
        return new Clash(kind, rs.getString("who"), rs.getLong("id"), rs.getString("title"),
                rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant());
    }

    // ---------------------------------------------------------------- changing

    /** A new lecture, planned: only organizers see it until it is published. */
    @PreAuthorize(MANAGERS)
    @Transactional
    public long create(LectureData d) {
        Caller caller = Callers.require();
        check(caller, d);
        requireManages(caller, unitPath(d.unitId()));
        Map<String, Object> params = params(d);
        params.put("by", caller.username());
        long id = saving(() -> {
            long newId = jdbc.sql("""
                            insert into lecture (topic_id, title, unit_id, group_id, venue_id, place, starts_at, ends_at,
                                                 expected_count, hours, signin_opens_before, signin_late_after,
                                                 signin_closes_after, representative_only, created_by)
                            values (:topic, :title, :unit, :grp, :venue, :place, :s, :e, :expected, :hours, :ob, :la, :ca,
                                    :rep, :by) returning id""").params(params).query(Long.class).single();
            writeLecturers(newId, d.lecturerIds());
            writeAudience(newId, d.audience());
            return newId;
        });
        audit.record(AuditService.CREATE, TARGET, id, d.title().trim(), null);
        return id;
    }

    /** Used by the lecture orders: the lecture that accepting an order schedules, linked to it. */
    long createForOrder(LectureData d, long orderId) {
        long id = create(d);
        jdbc.sql("update lecture set order_id = :order where id = :id").param("order", orderId).param("id", id).update();
        return id;
    }

    /**
     * Saves a change. Once published, a change of time or place raises the calendar SEQUENCE and sends everyone
     * invited an update; a change of the audience invites the newcomers and tells those no longer invited.
     */
    @PreAuthorize(MANAGERS)
    @Transactional
    public void update(long id, int expectedVersion, LectureData d) {
        Caller caller = Callers.require();
        check(caller, d);
        LectureDetail before = load(id);
        requireManages(caller, before.unitPath());
        requireManages(caller, unitPath(d.unitId()));
        if (before.status() == LectureStatus.CANCELLED || before.status() == LectureStatus.HELD) {
            throw new DomainException("lecture.error.not-editable");
        }
        boolean moved = !d.startsAt().equals(before.data().startsAt()) || !d.endsAt().equals(before.data().endsAt())
                        || !Objects.equals(d.venueId(), before.data().venueId())
                        || !Objects.equals(blankToNull(d.place()), blankToNull(before.data().place()));
        boolean published = before.status() == LectureStatus.PUBLISHED;
        Map<String, Object> params = params(d);
        params.put("id", id);
        params.put("version", expectedVersion);
        params.put("raise", published && moved ? 1 : 0);
        saving(() -> {
            int n = jdbc.sql("""
                            update lecture set topic_id = :topic, title = :title, unit_id = :unit, group_id = :grp,
                                   venue_id = :venue, place = :place, starts_at = :s, ends_at = :e,
                                   expected_count = :expected, hours = :hours, signin_opens_before = :ob,
                                   signin_late_after = :la, signin_closes_after = :ca, representative_only = :rep,
                                   ics_sequence = ics_sequence + :raise, version = version + 1
                            where id = :id and version = :version""").params(params).update();
            if (n == 0) {
                throw new DomainException("error.concurrent-change");
            }
            jdbc.sql("delete from lecture_lecturer where lecture_id = :id").param("id", id).update();
            writeLecturers(id, d.lecturerIds());
            for (String t : List.of("lecture_audience_sector", "lecture_audience_party", "lecture_audience_unit",
                    "lecture_audience_person")) {
                jdbc.sql("delete from " + t + " where lecture_id = :id").param("id", id).update();
            }
            writeAudience(id, d.audience());
            return id;
        });
        if (published) {
            InviteeChange change = refreshInvitees(id);
            if (moved) {
                invitations.changed(id);
            }
            invitations.invite(id, change.added());
            invitations.uninvite(id, change.removed());
        }
        audit.record(AuditService.UPDATE, TARGET, id, d.title().trim(), null);
    }

    /** Publishes a planned lecture: the audience is fixed as invitees and each gets an invitation with an .ics. */
    @PreAuthorize(MANAGERS)
    @Transactional
    public void publish(long id, int expectedVersion) {
        Caller caller = Callers.require();
        LectureDetail d = load(id);
        requireManages(caller, d.unitPath());
        int n = jdbc.sql("""
                        update lecture set status = 'PUBLISHED', published_at = :now, version = version + 1
                        where id = :id and version = :version and status = 'PLANNED'""")
                .param("id", id).param("version", expectedVersion).param("now", Timestamp.from(clock.instant())).update();
        if (n == 0) {
            throw new DomainException("error.concurrent-change");
        }
        InviteeChange change = refreshInvitees(id);
        invitations.invite(id, change.added());
        audit.record("PUBLISH", TARGET, id, d.data().title(), null);
    }

    /** Cancels with a reason: the lecturers and the venue are free again, everyone invited gets a cancellation. */
    @PreAuthorize(MANAGERS)
    @Transactional
    public void cancel(long id, int expectedVersion, String reason) {
        Caller caller = Callers.require();
        if (reason == null || reason.isBlank()) {
            throw new DomainException("lecture.error.reason-required");
        }
        if (reason.trim().length() > LectureData.REASON_MAX) {
            throw new DomainException("lecture.error.too-long");
        }
        LectureDetail d = load(id);
        requireManages(caller, d.unitPath());
        if (d.status() == LectureStatus.HELD) {
            throw new DomainException("lecture.error.not-editable");
        }
        int n = jdbc.sql("""
                        update lecture set status = 'CANCELLED', cancel_reason = :reason, ics_sequence = ics_sequence + 1,
                               version = version + 1
                        where id = :id and version = :version and status in ('PLANNED', 'PUBLISHED')""")
                .param("id", id).param("version", expectedVersion).param("reason", reason.trim()).update();
        if (n == 0) {
            throw new DomainException("error.concurrent-change");
        }
        if (d.status() == LectureStatus.PUBLISHED) {
            invitations.cancelled(id, reason.trim());
        }
        audit.record("CANCEL", TARGET, id, d.data().title(), reason.trim());
    }

    /** Marks a published lecture held, once it has begun. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void markHeld(long id) {
        Caller caller = Callers.require();
        LectureDetail d = load(id);
        boolean lecturer = d.lecturers().stream().anyMatch(p -> caller.isPerson(p.id()));
        if (!lecturer) {
            requireManages(caller, d.unitPath());
        }
        int n = jdbc.sql("""
                        update lecture set status = 'HELD', held_at = :now, version = version + 1
                        where id = :id and status = 'PUBLISHED' and starts_at <= :now""")
                .param("id", id).param("now", Timestamp.from(clock.instant())).update();
        if (n == 0) {
            throw new DomainException("lecture.error.not-held-yet");
        }
        audit.record("HELD", TARGET, id, d.data().title(), null);
    }

    // ---------------------------------------------------------------- the audience

    record InviteeChange(List<Long> added, List<Long> removed) {
    }

    /**
     * Brings the invitees up to date with the audience: active people of the organizing unit's subtree who match it are
     * added, people no longer in it who have not answered yes are removed. Set-based, so a province-wide audience
     * costs two statements.
     */
    InviteeChange refreshInvitees(long lectureId) {
        LectureDetail d = load(lectureId);
        Map<String, Object> params = new HashMap<>();
        params.put("id", lectureId);
        params.put("path", d.unitPath() + "%");
        params.put("now", Timestamp.from(clock.instant()));
        String named = "exists (select 1 from lecture_audience_person ap where ap.lecture_id = :id and ap.person_id = p.id)";
        String population = "select p.id from person p join unit u on u.id = p.unit_id where u.path like :path and "
                            + d.data().audience().where(named, "aud", params);
        List<Long> removed = jdbc.sql("delete from lecture_invitee li where li.lecture_id = :id and li.response <> 'CONFIRMED'"
                                      + " and li.person_id not in (" + population + ") returning li.person_id")
                .params(params).query(Long.class).list();
        List<Long> added = jdbc.sql("insert into lecture_invitee (lecture_id, person_id, invited_at) select :id, x.id, :now from ("
                                    + population + ") x on conflict do nothing returning person_id")
                .params(params).query(Long.class).list();
        return new InviteeChange(added, removed);
    }

    private void writeLecturers(long id, Set<Long> lecturers) {
        for (Long p : lecturers) {
            jdbc.sql("insert into lecture_lecturer (lecture_id, person_id, during) values (:l, :p, tstzrange(now(), now() + interval '1 second'))")
                    .param("l", id).param("p", p).update();
        }
    }

    private void writeAudience(long id, Audience a) {
        a.sectorIds().forEach(x -> jdbc.sql("insert into lecture_audience_sector values (:l, :x)").param("l", id).param("x", x).update());
        a.partyIds().forEach(x -> jdbc.sql("insert into lecture_audience_party values (:l, :x)").param("l", id).param("x", x).update());
        a.unitIds().forEach(x -> jdbc.sql("insert into lecture_audience_unit values (:l, :x)").param("l", id).param("x", x).update());
        a.personIds().forEach(x -> jdbc.sql("insert into lecture_audience_person values (:l, :x)").param("l", id).param("x", x).update());
    }

    // ---------------------------------------------------------------- rules

    private void check(Caller caller, LectureData d) {
        if (d.title() == null || d.title().isBlank()) {
            throw new DomainException("lecture.error.title-required");
        }
        if (d.title().trim().length() > LectureData.TITLE_MAX
            || (d.place() != null && d.place().trim().length() > LectureData.PLACE_MAX)) {
            throw new DomainException("lecture.error.too-long");
        }
        if (d.startsAt() == null || d.endsAt() == null) {
            throw new DomainException("lecture.error.time-required");
        }
        if (!d.endsAt().isAfter(d.startsAt()) || Duration.between(d.startsAt(), d.endsAt()).compareTo(Duration.ofDays(1)) > 0) {
            throw new DomainException("lecture.error.time-order");
        }
        if (d.lecturerIds().isEmpty()) {
            throw new DomainException("lecture.error.lecturer-required");
        }
        if (d.expectedCount() < 0 || d.hours().compareTo(BigDecimal.ZERO) < 0 || d.hours().compareTo(BigDecimal.valueOf(24)) > 0) {
            throw new DomainException("lecture.error.numbers");
        }
        if (d.lateAfter() > d.closesAfter() || d.opensBefore() < 0 || d.closesAfter() > 1440) {
            throw new DomainException("lecture.error.window");
        }
        long active = jdbc.sql("select count(*) from lecturer where person_id in (:ids) and active").param("ids", d.lecturerIds())
                .query(Long.class).single();
        if (active != d.lecturerIds().size()) {
            throw new DomainException("lecture.error.not-a-lecturer");
        }
        if (!d.audience().personIds().isEmpty()) {
            long inScope = jdbc.sql("select count(*) from person p join unit u on u.id = p.unit_id where p.id in (:ids) and u.path like :scope")
                    .param("ids", d.audience().personIds()).param("scope", caller.scopePath() + "%").query(Long.class).single();
            if (inScope != d.audience().personIds().size()) {
                throw new AccessDeniedException("named people outside scope");
            }
        }
    }

    /** Runs a write and says a refusal of the database (a clash saved at the same moment by someone else) in words. */
    private <T> T saving(java.util.function.Supplier<T> write) {
        try {
            return write.get();
        } catch (DataIntegrityViolationException e) {
            String m = String.valueOf(e.getMostSpecificCause().getMessage());
            if (m.contains("lecture_lecturer_clash")) {
                throw new DomainException("lecture.error.lecturer-clash");
            }
            if (m.contains("lecture_venue_clash")) {
                throw new DomainException("lecture.error.venue-clash");
            }
            throw new DomainException("error.concurrent-change");
        }
    }

    static void requireManages(Caller caller, String unitPath) {
        if (!manages(caller, unitPath)) {
            throw new AccessDeniedException("unit outside the caller's scope");
        }
    }

    static boolean manages(Caller caller, String unitPath) {
        return (caller.isAdmin() || caller.has(Roles.ORGANIZER)) && caller.managesUnit(unitPath);
    }

    String unitPath(long unitId) {
        return jdbc.sql("select path from unit where id = :id").param("id", unitId).query(String.class).optional()
                .orElseThrow(() -> new DomainException("lecture.error.unit-required"));
    }

    private String unitPathOf(long lectureId) {
        return jdbc.sql("select u.path from lecture l join unit u on u.id = l.unit_id where l.id = :id").param("id", lectureId)
                .query(String.class).optional().orElseThrow(() -> new DomainException("lecture.error.not-found"));
    }

    private static Map<String, Object> params(LectureData d) {
        Map<String, Object> p = new HashMap<>();
        p.put("topic", d.topicId());
        p.put("title", d.title().trim());
        p.put("unit", d.unitId());
        p.put("grp", d.groupId());
        p.put("venue", d.venueId());
        p.put("place", blankToNull(d.place()));
        p.put("s", Timestamp.from(d.startsAt()));
        p.put("e", Timestamp.from(d.endsAt()));
        p.put("expected", d.expectedCount());
        p.put("hours", d.hours());
        p.put("ob", d.opensBefore());
        p.put("la", d.lateAfter());
        p.put("ca", d.closesAfter());
        p.put("rep", d.audience().representativeOnly());
        return p;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The lecture with its names, without a scope check (callers check). */
    LectureDetail load(long id) {
        return jdbc.sql("""
                        select l.*, t.title as topic_title, u.name as unit_name, u.path as unit_path, g.name as group_name,
                               v.name as venue_name, v.address as venue_address,
                               (select count(*) from lecture_invitee li where li.lecture_id = l.id) as invited,
                               (select count(*) from lecture_invitee li where li.lecture_id = l.id and li.response = 'CONFIRMED') as confirmed,
                               (select count(*) from lecture_invitee li where li.lecture_id = l.id and li.response = 'DECLINED') as declined
                        from lecture l join lecture_topic t on t.id = l.topic_id join unit u on u.id = l.unit_id
                        left join lecture_group g on g.id = l.group_id left join lecture_venue v on v.id = l.venue_id
                        where l.id = :id""").param("id", id)
                .query((rs, n) -> detail(rs)).optional().orElseThrow(() -> new DomainException("lecture.error.not-found"));
    }

    private LectureDetail detail(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        Set<Long> lecturerIds = new HashSet<>();
        List<PersonOption> lecturers = jdbc.sql("select p.id, u.name as unit_name, " + PersonLabel.COLUMNS + """
                         from lecture_lecturer ll join person p on p.id = ll.person_id join unit u on u.id = p.unit_id
                        where ll.lecture_id = :id order by p.name, p.id""").param("id", id)
                .query((r, n) -> new PersonOption(r.getLong("id"), PersonLabel.read(r), r.getString("unit_name"))).list();
        lecturers.forEach(p -> lecturerIds.add(p.id()));
        Audience audience = new Audience(ids("lecture_audience_sector", "sector_id", id), ids("lecture_audience_party", "party_id", id),
                ids("lecture_audience_unit", "unit_id", id), rs.getBoolean("representative_only"),
                ids("lecture_audience_person", "person_id", id));
        LectureData data = new LectureData(rs.getLong("topic_id"), rs.getString("title"), rs.getLong("unit_id"),
                rs.getObject("group_id", Long.class), lecturerIds, rs.getObject("venue_id", Long.class), rs.getString("place"),
                rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(), rs.getInt("expected_count"),
                rs.getBigDecimal("hours"), audience, rs.getInt("signin_opens_before"), rs.getInt("signin_late_after"),
                rs.getInt("signin_closes_after"));
        Timestamp published = rs.getTimestamp("published_at");
        return new LectureDetail(id, data, LectureStatus.valueOf(rs.getString("status")), rs.getString("cancel_reason"),
                rs.getInt("version"), rs.getInt("ics_sequence"), rs.getString("topic_title"), rs.getString("unit_name"),
                rs.getString("unit_path"), rs.getString("group_name"), rs.getString("venue_name"), rs.getString("venue_address"),
                lecturers, rs.getObject("order_id", Long.class), rs.getInt("invited"), rs.getInt("confirmed"),
                rs.getInt("declined"), published == null ? null : published.toInstant());
    }

    private Set<Long> ids(String table, String column, long lectureId) {
        return new HashSet<>(jdbc.sql("select " + column + " from " + table + " where lecture_id = :id").param("id", lectureId)
                .query(Long.class).list());
    }
}
