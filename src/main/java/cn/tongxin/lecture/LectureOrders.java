package cn.tongxin.lecture;

import cn.tongxin.Application;
import cn.tongxin.audit.AuditDetail;
import cn.tongxin.audit.AuditService;
import cn.tongxin.base.DomainException;
import cn.tongxin.base.Formats;
import cn.tongxin.base.Translations;
import cn.tongxin.notification.MailOutbox;
import cn.tongxin.notification.MailTemplates;
import cn.tongxin.people.Audience;
import cn.tongxin.people.PersonLabel;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ordered lectures (点单式宣讲). A topic's lecture menu (宣讲菜单) reaches the units of its unit's subtree while the
 * topic is current and its menu open; an organizer of a unit orders a lecture from it, and the order goes to the
 * lecture group of the topic's unit. That group's organizers (organizers managing the group's unit) accept it, which
 * schedules the lecture, propose another time, or decline with a reason; the ordering unit agrees to a proposed time
 * (the group then schedules it) or withdraws. Each step is a conditional update on the order's version, so of two
 * organizers deciding at once one wins and the other is told; the database refuses steps out of order too
 * (V045). Every step mails the ordering unit's organizers in their language.
 */
@Service
public class LectureOrders {

    static final String TARGET = "LECTURE_ORDER";
    private static final Duration DEFAULT_LENGTH = Duration.ofHours(2);
    private static final LocalTime DEFAULT_START = LocalTime.of(9, 0);

    private final JdbcClient jdbc;
    private final AuditService audit;
    private final Clock clock;
    private final LectureService lectures;
    private final MailOutbox outbox;
    private final MailTemplates templates;

    LectureOrders(JdbcClient jdbc, AuditService audit, Clock clock, LectureService lectures, MailOutbox outbox,
                  MailTemplates templates) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.lectures = lectures;
        this.outbox = outbox;
        this.templates = templates;
    }

    // ---------------------------------------------------------------- the menu and ordering

    /** The menu of the caller's own unit. */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional(readOnly = true)
    public List<MenuTopic> menu() {
        return menu(Callers.require().unitId());
    }

    /** The lecture menu of a unit the caller manages: open topics, current today, of that unit or a unit above it. */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional(readOnly = true)
    public List<MenuTopic> menu(long unitId) {
        Caller caller = Callers.require();
        String path = lectures.unitPath(unitId);
        LectureService.requireManages(caller, path);
        return jdbc.sql("""
                        select t.id, t.title, t.summary, tu.name as unit_name, t.current_from, t.current_to, t.hours,
                               (select g.name from lecture_group g where g.unit_id = t.unit_id order by g.id limit 1) as group_name
                        from lecture_topic t join unit tu on tu.id = t.unit_id
                        where t.menu_open and :today between t.current_from and t.current_to and :path like tu.path || '%'
                        order by t.current_to, t.title, t.id""")
                .param("today", today()).param("path", path)
                .query((rs, n) -> new MenuTopic(rs.getLong("id"), rs.getString("title"), rs.getString("summary"),
                        rs.getString("unit_name"), rs.getObject("current_from", LocalDate.class),
                        rs.getObject("current_to", LocalDate.class), rs.getBigDecimal("hours"), rs.getString("group_name")))
                .list();
    }

    /** The venues an order or a lecture of this unit may name: active ones of the unit or a unit above it. */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional(readOnly = true)
    public List<VenueOption> venues(long unitId) {
        String path = lectures.unitPath(unitId);
        LectureService.requireManages(Callers.require(), path);
        return jdbc.sql("""
                        select v.id, v.name, v.address, v.capacity, u.name as unit_name from lecture_venue v
                        join unit u on u.id = v.unit_id where v.active and :path like u.path || '%'
                        order by length(u.path) desc, v.name, v.id""")
                .param("path", path)
                .query((rs, n) -> new VenueOption(rs.getLong("id"), rs.getString("name"), rs.getString("address"),
                        rs.getInt("capacity"), rs.getString("unit_name"))).list();
    }

    /**
     * Orders a lecture on a topic of the unit's menu, for the unit (an organizer managing it); the order goes to the
     * lecture group of the topic's unit. Returns the order's id.
     */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional
    public long order(long topicId, long unitId, LocalDate preferredFrom, LocalDate preferredTo, String audience,
                      int expectedCount, Long venueId, String note) {
        Caller caller = Callers.require();
        String path = lectures.unitPath(unitId);
        LectureService.requireManages(caller, path);
        String aud = trimmed(audience);
        String n = trimmed(note);
        if (aud == null) {
            throw new DomainException("lecture.orders.error.audience-required");
        }
        if (aud.length() > LectureOrderRow.AUDIENCE_MAX || (n != null && n.length() > LectureOrderRow.NOTE_MAX)) {
            throw new DomainException("lecture.orders.error.too-long");
        }
        if (preferredFrom == null || preferredTo == null || preferredTo.isBefore(preferredFrom) || preferredTo.isBefore(today())) {
            throw new DomainException("lecture.orders.error.dates");
        }
        if (expectedCount < 1 || expectedCount > 100_000) {
            throw new DomainException("lecture.orders.error.count");
        }
        boolean onMenu = menu(unitId).stream().anyMatch(t -> t.id() == topicId);
        if (!onMenu) {
            throw new DomainException("lecture.orders.error.not-on-menu");
        }
        Long group = jdbc.sql("""
                        select g.id from lecture_group g join lecture_topic t on t.unit_id = g.unit_id
                        where t.id = :topic order by g.id limit 1""").param("topic", topicId).query(Long.class).optional()
                .orElseThrow(() -> new DomainException("lecture.orders.error.no-group"));
        if (venueId != null && venues(unitId).stream().noneMatch(v -> v.id() == venueId)) {
            throw new DomainException("lecture.orders.error.venue");
        }
        long id = jdbc.sql("""
                        insert into lecture_order (topic_id, unit_id, group_id, preferred_from, preferred_to, audience,
                                                   expected_count, venue_id, note, ordered_by, ordered_at)
                        values (:topic, :unit, :grp, :pf, :pt, :aud, :count, :venue, :note, :by, :now) returning id""")
                .param("topic", topicId).param("unit", unitId).param("grp", group).param("pf", preferredFrom)
                .param("pt", preferredTo).param("aud", aud).param("count", expectedCount).param("venue", venueId)
                .param("note", n).param("by", caller.username()).param("now", Timestamp.from(clock.instant()))
                .query(Long.class).single();
        Info o = info(id);
        audit.record("ORDER", TARGET, id, o.topicTitle(), AuditDetail.of("lecture-order.unit", o.unitName()));
        notifyOrderingUnit(o, "ordered");
        notifyGroup(o, "to-decide");
        return id;
    }

    // ---------------------------------------------------------------- reading orders

    /** Orders to the lecture groups the caller decides for (groups of the caller's subtree), open ones first. */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional(readOnly = true)
    public List<LectureOrderRow> toDecide() {
        Caller caller = Callers.require();
        return rows(caller, "gu.path like :scope", caller.scopePath() + "%");
    }

    /** How many orders wait for the caller's decision: new ones, and proposed times the ordering unit agreed to. */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional(readOnly = true)
    public int waitingCount() {
        return jdbc.sql("""
                        select count(*) from lecture_order o join lecture_group g on g.id = o.group_id
                        join unit gu on gu.id = g.unit_id where o.status in ('PENDING', 'AGREED') and gu.path like :scope""")
                .param("scope", Callers.require().scopePath() + "%").query(Integer.class).single();
    }

    /** Orders of the units the caller orders for (the caller's subtree), newest first. */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional(readOnly = true)
    public List<LectureOrderRow> ours() {
        Caller caller = Callers.require();
        return rows(caller, "u.path like :scope", caller.scopePath() + "%");
    }

    /** One order, for the ordering unit's organizers and the group's. */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional(readOnly = true)
    public LectureOrderRow get(long orderId) {
        Caller caller = Callers.require();
        List<LectureOrderRow> found = rows(caller, "o.id = :id", null, orderId);
        if (found.isEmpty()) {
            throw new DomainException("lecture.orders.error.not-found");
        }
        LectureOrderRow r = found.getFirst();
        if (!r.canDecide() && !managesPath(caller, r.unitId())) {
            throw new AccessDeniedException("order outside scope");
        }
        return r;
    }

    /** The lecture form that accepting the order starts from: its topic, unit, group, venue, time and audience. */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional(readOnly = true)
    public LectureData draft(long orderId) {
        Caller caller = Callers.require();
        Info o = info(orderId);
        requireDecides(caller, o);
        Instant start = o.proposedStart() != null ? o.proposedStart()
                : o.preferredFrom().atTime(DEFAULT_START).atZone(Application.ZONE).toInstant();
        Instant end = o.proposedEnd() != null ? o.proposedEnd() : start.plus(DEFAULT_LENGTH);
        return new LectureData(o.topicId(), o.topicTitle(), o.unitId(), o.groupId(), Set.of(), o.venueId(), null, start, end,
                o.expectedCount(), o.hours(), new Audience(Set.of(), Set.of(), Set.of(o.unitId()), false, Set.of()),
                LectureData.OPENS_BEFORE, LectureData.LATE_AFTER, LectureData.CLOSES_AFTER);
    }

    // ---------------------------------------------------------------- the steps

    /**
     * Accepts a pending order (or one whose proposed time the ordering unit agreed to, at that time): schedules the
     * lecture, linked to the order, for the ordering unit with the order's topic and group. A clash of lecturer or
     * venue refuses it (the DomainException of the schedule). Returns the lecture's id.
     */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional
    public long accept(long orderId, int expectedVersion, LectureData d) {
        Caller caller = Callers.require();
        Info o = info(orderId);
        requireDecides(caller, o);
        requireStep(o, expectedVersion, OrderStatus.PENDING, OrderStatus.AGREED);
        step(orderId, expectedVersion, "ACCEPTED", o.proposedStart(), o.proposedEnd(), o.reason(), caller);
        LectureData lecture = new LectureData(o.topicId(), d.title(), o.unitId(), o.groupId(), d.lecturerIds(), d.venueId(),
                d.place(), d.startsAt(), d.endsAt(), d.expectedCount(), d.hours(), d.audience(), d.opensBefore(),
                d.lateAfter(), d.closesAfter());
        if (o.status() == OrderStatus.AGREED) {
            lecture = lecture.at(o.proposedStart(), o.proposedEnd());
        }
        long lectureId = lectures.createForOrder(lecture, orderId);
        audit.record("ORDER_ACCEPT", TARGET, orderId, o.topicTitle(), AuditDetail.of("lecture-order.lecture", lectureId));
        notifyOrderingUnit(info(orderId), "accepted");
        return lectureId;
    }

    /** Proposes another time for a pending order; the ordering unit agrees to it or withdraws. */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional
    public void propose(long orderId, int expectedVersion, Instant start, Instant end, String reason) {
        Caller caller = Callers.require();
        Info o = info(orderId);
        requireDecides(caller, o);
        requireStep(o, expectedVersion, OrderStatus.PENDING);
        if (start == null || end == null || !end.isAfter(start) || Duration.between(start, end).compareTo(Duration.ofDays(1)) > 0
            || !start.isAfter(clock.instant())) {
            throw new DomainException("lecture.orders.error.proposed-time");
        }
        String r = reason(reason, false);
        step(orderId, expectedVersion, "PROPOSED", start, end, r, caller);
        audit.record("ORDER_PROPOSE", TARGET, orderId, o.topicTitle(),
                AuditDetail.of("lecture-order.proposed", Formats.dateTime(start), r == null ? "" : r));
        notifyOrderingUnit(info(orderId), "proposed");
    }

    /** The ordering unit agrees to the proposed time; the group's organizers then schedule the lecture at it. */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional
    public void acceptProposal(long orderId, int expectedVersion) {
        Caller caller = Callers.require();
        Info o = info(orderId);
        requireOrders(caller, o);
        requireStep(o, expectedVersion, OrderStatus.PROPOSED);
        step(orderId, expectedVersion, "AGREED", o.proposedStart(), o.proposedEnd(), o.reason(), null);
        audit.record("ORDER_AGREE", TARGET, orderId, o.topicTitle(),
                AuditDetail.of("lecture-order.agreed", Formats.dateTime(o.proposedStart())));
        Info now = info(orderId);
        notifyOrderingUnit(now, "agreed");
        notifyGroup(now, "to-schedule");
    }

    /** Declines a pending or agreed order, with a reason the ordering unit reads. */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional
    public void decline(long orderId, int expectedVersion, String reason) {
        Caller caller = Callers.require();
        Info o = info(orderId);
        requireDecides(caller, o);
        requireStep(o, expectedVersion, OrderStatus.PENDING, OrderStatus.AGREED);
        String r = reason(reason, true);
        step(orderId, expectedVersion, "DECLINED", o.proposedStart(), o.proposedEnd(), r, caller);
        audit.record("ORDER_DECLINE", TARGET, orderId, o.topicTitle(), AuditDetail.of("lecture-order.reason", r));
        notifyOrderingUnit(info(orderId), "declined");
    }

    /** The ordering unit withdraws an order not yet scheduled. */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional
    public void withdraw(long orderId, int expectedVersion) {
        Caller caller = Callers.require();
        Info o = info(orderId);
        requireOrders(caller, o);
        requireStep(o, expectedVersion, OrderStatus.PENDING, OrderStatus.PROPOSED, OrderStatus.AGREED);
        step(orderId, expectedVersion, "WITHDRAWN", o.proposedStart(), o.proposedEnd(), o.reason(), null);
        audit.record("ORDER_WITHDRAW", TARGET, orderId, o.topicTitle(), null);
        Info now = info(orderId);
        notifyOrderingUnit(now, "withdrawn");
        notifyGroup(now, "withdrawn-group");
    }

    /** The conditional update of one step: only from the version read, so of two deciders at once one wins. */
    private void step(long orderId, int expectedVersion, String status, Instant start, Instant end, String reason,
                      Caller decider) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", orderId);
        p.put("version", expectedVersion);
        p.put("status", status);
        p.put("ps", start == null ? null : Timestamp.from(start));
        p.put("pe", end == null ? null : Timestamp.from(end));
        p.put("reason", reason);
        p.put("by", decider == null ? null : decider.username());
        p.put("now", Timestamp.from(clock.instant()));
        int n;
        try {
            n = jdbc.sql("""
                            update lecture_order set status = :status, proposed_start = :ps, proposed_end = :pe,
                                   decision_reason = :reason, decided_by = coalesce(cast(:by as varchar), decided_by),
                                   decided_at = case when cast(:by as varchar) is null then decided_at else :now end,
                                   version = version + 1
                            where id = :id and version = :version""").params(p).update();
        } catch (DataIntegrityViolationException e) {
            throw new DomainException("lecture.orders.error.wrong-step");
        }
        if (n == 0) {
            throw new DomainException("error.concurrent-change");
        }
    }

    private static void requireStep(Info o, int expectedVersion, OrderStatus... from) {
        if (o.version() != expectedVersion) {
            throw new DomainException("error.concurrent-change");
        }
        if (!List.of(from).contains(o.status())) {
            throw new DomainException("lecture.orders.error.wrong-step");
        }
    }

    private static void requireDecides(Caller caller, Info o) {
        LectureService.requireManages(caller, o.groupUnitPath());
    }

    private static void requireOrders(Caller caller, Info o) {
        LectureService.requireManages(caller, o.unitPath());
    }

    private boolean managesPath(Caller caller, long unitId) {
        return LectureService.manages(caller, lectures.unitPath(unitId));
    }

    private static String reason(String reason, boolean required) {
        String r = trimmed(reason);
        if (r == null && required) {
            throw new DomainException("lecture.orders.error.reason-required");
        }
        if (r != null && r.length() > LectureOrderRow.REASON_MAX) {
            throw new DomainException("lecture.orders.error.too-long");
        }
        return r;
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Application.ZONE));
    }

    // ---------------------------------------------------------------- rows

    private static final String ROW_SELECT = """
            select o.*, t.title as topic_title, u.name as unit_name, u.path as unit_path, g.name as group_name,
                   gu.path as group_unit_path, v.name as venue_name, l.id as lecture_id, l.starts_at as lecture_start
            from lecture_order o join lecture_topic t on t.id = o.topic_id join unit u on u.id = o.unit_id
            join lecture_group g on g.id = o.group_id join unit gu on gu.id = g.unit_id
            left join lecture_venue v on v.id = o.venue_id left join lecture l on l.order_id = o.id
            """;

    private List<LectureOrderRow> rows(Caller caller, String where, String scope, Object... id) {
        var q = jdbc.sql(ROW_SELECT + " where " + where + "\n" + """
                 order by case when o.status in ('PENDING', 'AGREED') then 0 when o.status = 'PROPOSED' then 1 else 2 end,
                          o.ordered_at desc, o.id desc limit 500""");
        if (scope != null) {
            q = q.param("scope", scope);
        }
        if (id.length > 0) {
            q = q.param("id", id[0]);
        }
        return q.query((rs, n) -> row(caller, rs)).list();
    }

    private static LectureOrderRow row(Caller caller, ResultSet rs) throws SQLException {
        OrderStatus status = OrderStatus.valueOf(rs.getString("status"));
        boolean decides = LectureService.manages(caller, rs.getString("group_unit_path"));
        boolean orders = LectureService.manages(caller, rs.getString("unit_path"));
        Timestamp ps = rs.getTimestamp("proposed_start");
        Timestamp pe = rs.getTimestamp("proposed_end");
        Timestamp ls = rs.getTimestamp("lecture_start");
        return new LectureOrderRow(rs.getLong("id"), rs.getLong("topic_id"), rs.getString("topic_title"), rs.getLong("unit_id"),
                rs.getString("unit_name"), rs.getLong("group_id"), rs.getString("group_name"),
                rs.getObject("preferred_from", LocalDate.class), rs.getObject("preferred_to", LocalDate.class),
                rs.getString("audience"), rs.getInt("expected_count"), rs.getObject("venue_id", Long.class),
                rs.getString("venue_name"), rs.getString("note"), status, ps == null ? null : ps.toInstant(),
                pe == null ? null : pe.toInstant(), rs.getString("decision_reason"), rs.getString("ordered_by"),
                rs.getTimestamp("ordered_at").toInstant(), rs.getObject("lecture_id", Long.class),
                ls == null ? null : ls.toInstant(), rs.getInt("version"),
                decides && (status == OrderStatus.PENDING || status == OrderStatus.AGREED),
                orders && !status.isFinal());
    }

    record Info(long id, long topicId, String topicTitle, java.math.BigDecimal hours, long unitId, String unitName,
                String unitPath, long groupId, String groupUnitPath, long groupUnitId, LocalDate preferredFrom,
                LocalDate preferredTo, int expectedCount, Long venueId, OrderStatus status, Instant proposedStart,
                Instant proposedEnd, String reason, int version, Long lectureId, Instant lectureStart, Instant lectureEnd) {
    }

    Info info(long orderId) {
        return jdbc.sql("""
                        select o.*, t.title as topic_title, t.hours, u.name as unit_name, u.path as unit_path,
                               gu.path as group_unit_path, gu.id as group_unit_id, l.id as lecture_id,
                               l.starts_at as lecture_start, l.ends_at as lecture_end
                        from lecture_order o join lecture_topic t on t.id = o.topic_id join unit u on u.id = o.unit_id
                        join lecture_group g on g.id = o.group_id join unit gu on gu.id = g.unit_id
                        left join lecture l on l.order_id = o.id where o.id = :id""").param("id", orderId)
                .query((rs, n) -> {
                    Timestamp ps = rs.getTimestamp("proposed_start");
                    Timestamp pe = rs.getTimestamp("proposed_end");
                    Timestamp ls = rs.getTimestamp("lecture_start");
                    Timestamp le = rs.getTimestamp("lecture_end");
                    return new Info(rs.getLong("id"), rs.getLong("topic_id"), rs.getString("topic_title"),
                            rs.getBigDecimal("hours"), rs.getLong("unit_id"), rs.getString("unit_name"),
                            rs.getString("unit_path"), rs.getLong("group_id"), rs.getString("group_unit_path"),
                            rs.getLong("group_unit_id"), rs.getObject("preferred_from", LocalDate.class),
                            rs.getObject("preferred_to", LocalDate.class), rs.getInt("expected_count"),
                            rs.getObject("venue_id", Long.class), OrderStatus.valueOf(rs.getString("status")),
                            ps == null ? null : ps.toInstant(), pe == null ? null : pe.toInstant(),
                            rs.getString("decision_reason"), rs.getInt("version"), rs.getObject("lecture_id", Long.class),
                            ls == null ? null : ls.toInstant(), le == null ? null : le.toInstant());
                })
                .optional().orElseThrow(() -> new DomainException("lecture.orders.error.not-found"));
    }

    // ---------------------------------------------------------------- mails

    record Recipient(long accountId, String name, String email, String language) {
    }

    /** The organizers of exactly this unit (accounts with the ORGANIZER role acting for it) who have an address. */
    List<Recipient> organizersOf(long unitId) {
        return jdbc.sql("""
                        select a.id, coalesce(p.name, a.display_name) as name, p.email, a.language from account a
                        join account_role r on r.account_id = a.id and r.role = :role join person p on p.id = a.person_id
                        where a.unit_id = :unit and a.enabled and p.email is not null order by a.id""")
                .param("role", Roles.ORGANIZER).param("unit", unitId)
                .query((rs, n) -> new Recipient(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
                        rs.getString("language"))).list();
    }

    private void notifyOrderingUnit(Info o, String step) {
        mail(o, step, organizersOf(o.unitId()));
    }

    private void notifyGroup(Info o, String step) {
        if (o.groupUnitId() != o.unitId()) {
            mail(o, step, organizersOf(o.groupUnitId()));
        }
    }

    /**
     * Arguments: {0} name, {1} topic, {2} ordering unit, {3} preferred dates, {4} the time in question (proposed or
     * scheduled), {5} the reason, {6} the link to the orders page. Once per order, step and version per account.
     */
    private void mail(Info o, String step, List<Recipient> recipients) {
        String dates = o.preferredFrom() + " – " + o.preferredTo();
        String time = o.lectureStart() != null ? Formats.dateTime(o.lectureStart()) + "–" + Formats.time(o.lectureEnd())
                : o.proposedStart() != null ? Formats.dateTime(o.proposedStart()) + "–" + Formats.time(o.proposedEnd()) : "";
        for (Recipient r : recipients) {
            outbox.enqueue(templates.compose(r.email(), Translations.supported(r.language()), "lecture.orders.mail." + step,
                            r.name(), o.topicTitle(), o.unitName(), dates, time, o.reason() == null ? "" : o.reason(),
                            templates.baseUrl() + "/lecture-orders"),
                    "lecture-order:" + o.id() + ":" + step + ":v" + o.version() + ":account:" + r.accountId());
        }
    }
}
