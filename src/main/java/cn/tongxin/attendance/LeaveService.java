package cn.tongxin.attendance;

import cn.tongxin.audit.AuditDetail;
import cn.tongxin.audit.AuditService;
import cn.tongxin.base.DomainException;
import cn.tongxin.base.Translations;
import cn.tongxin.notification.MailOutbox;
import cn.tongxin.notification.MailTemplates;
import cn.tongxin.people.MailLanguages;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;


/**
 * Leave (请假): a trainee asks for leave from sessions ahead with a reason; the organizer of the occasion
 * approves (it becomes a LEAVE record: excused within the class's leave limit, an absence beyond it) or refuses with a
 * reason; the trainee is told by mail and sees the answer in their list.
 */
@Service
public class LeaveService {

    private final Occasions occasions;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditService audit;
    private final MailOutbox outbox;
    private final ApplicationEventPublisher events;
    private final MailLanguages languages;
    private final MailTemplates templates;

    LeaveService(Occasions occasions, JdbcClient jdbc, Clock clock, AuditService audit, MailOutbox outbox,
                 ApplicationEventPublisher events, MailLanguages languages, MailTemplates templates) {
        this.languages = languages;
        this.templates = templates;
        this.occasions = occasions;
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.outbox = outbox;
        this.events = events;
    }

    /**
     * What the signed-in trainee may ask leave for: the occasions ahead they are expected at, without those already
     * asked for (pending or approved) or already recorded (a mark by hand).
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<Occasion> leaveable() {
        Caller caller = Callers.require();
        if (caller.personId() == null) {
            return List.of();
        }
        var taken = new java.util.HashSet<>(jdbc.sql("""
                        select occasion_kind, occasion_id from leave_request where person_id = :person and status <> 'REFUSED'
                        union select occasion_kind, occasion_id from sign_in where person_id = :person""")
                .param("person", caller.personId())
                .query((rs, n) -> new OccasionRef(rs.getString(1), rs.getLong(2))).list());
        return occasions.upcomingFor(caller.personId(), clock.instant()).stream()
                .filter(o -> !taken.contains(o.ref())).toList();
    }

    /** Asks leave from each occasion (one request each); refuses occasions already begun or not the caller's. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public int request(List<OccasionRef> refs, String reason) {
        Caller caller = Callers.require();
        if (caller.personId() == null) {
            throw new DomainException("attendance.error.no-person");
        }
        if (reason == null || reason.isBlank()) {
            throw new DomainException("leave.error.reason-required");
        }
        if (refs.isEmpty()) {
            throw new DomainException("leave.error.choose");
        }
        Instant now = clock.instant();
        for (OccasionRef ref : refs) {
            Occasion o = occasions.require(ref);
            if (!occasions.expects(ref, caller.personId())) {
                throw new DomainException("attendance.outcome.NOT_EXPECTED");
            }
            if (!o.startsAt().isAfter(now)) {
                throw new DomainException("leave.error.started", o.title());
            }
            try {
                jdbc.sql("""
                                insert into leave_request (person_id, occasion_kind, occasion_id, reason, requested_at)
                                values (:person, :kind, :id, :reason, :at)""")
                        .param("person", caller.personId()).param("kind", ref.kind()).param("id", ref.id())
                        .param("reason", reason.trim().length() > 500 ? reason.trim().substring(0, 500) : reason.trim())
                        .param("at", Timestamp.from(now)).update();
            } catch (DuplicateKeyException e) {
                throw new DomainException("leave.error.duplicate", o.title());
            }
        }
        return refs.size();
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<LeaveRow> myRequests() {
        Caller caller = Callers.require();
        if (caller.personId() == null) {
            return List.of();
        }
        return rows("where l.person_id = :person order by l.requested_at desc limit 500", Map.of("person", caller.personId())).stream().filter(r -> r.occasion() != null).toList();
    }

    /** How many requests wait for the caller's decision; 0 for anyone who does not decide leave. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public int pendingCount() {
        Caller caller = Callers.require();
        if (!caller.has(Roles.ORGANIZER) && !caller.has(Roles.ADMIN)) {
            return 0;
        }
        return jdbc.sql("select count(*) from leave_request l " + inScope() + " where l.status = 'PENDING'")
                .param("scope", caller.scopePath() + "%").query(Integer.class).single();
    }

    /**
     * A page of the requests waiting for a decision at occasions the caller organizes, those waiting longest first.
     * The scope is applied in the query, before the page: however many wait elsewhere, the caller's own are found.
     */
    @PreAuthorize(SignInService.ORGANIZERS)
    @Transactional(readOnly = true)
    public List<LeaveRow> pending(int offset, int limit) {
        Caller caller = Callers.require();
        return rows(inScope() + " where l.status = 'PENDING' order by l.requested_at, l.id offset :offset limit :limit",
                Map.of("scope", caller.scopePath() + "%", "offset", offset, "limit", Math.min(limit, 500))).stream()
                .filter(r -> r.occasion() != null).toList();
    }

    /** Approves: the leave is recorded (excused within the class's limit, an absence beyond it). The trainee is told by mail. */
    @PreAuthorize(SignInService.ORGANIZERS)
    @Transactional
    public void approve(long requestId) {
        decide(requestId, true, null);
    }

    /** Refuses, with the reason the trainee reads in the mail and in their list of requests. */
    @PreAuthorize(SignInService.ORGANIZERS)
    @Transactional
    public void refuse(long requestId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new DomainException("leave.error.refusal-reason");
        }
        if (reason.trim().length() > REASON_MAX) {
            throw new DomainException("leave.error.refusal-reason-long", REASON_MAX);
        }
        decide(requestId, false, reason.trim());
    }

    /** The longest reason for a refusal (the column's size). */
    public static final int REASON_MAX = 500;

    private void decide(long requestId, boolean approve, String refusal) {
        Caller caller = Callers.require();
        LeaveRow row = rows("where l.id = :id", Map.of("id", requestId)).stream().findFirst()
                .orElseThrow(() -> new DomainException("leave.error.not-found"));
        if (row.occasion() == null || !caller.managesUnit(row.occasion().ownerUnitPath())) {
            throw new AccessDeniedException("leave request " + requestId + " is outside the caller's scope");
        }
        Instant now = clock.instant();
        int changed = jdbc.sql("""
                        update leave_request set status = :status, decided_by = :by, decided_at = :at, decision_reason = :why
                        where id = :id and status = 'PENDING'""")
                .param("status", approve ? "APPROVED" : "REFUSED").param("by", caller.username())
                .param("at", Timestamp.from(now)).param("why", refusal).param("id", requestId).update();
        if (changed == 0) {
            throw new DomainException("leave.error.decided");
        }
        OccasionRef ref = row.occasion().ref();
        String effect = "";
        if (approve) {
            jdbc.sql("""
                            insert into sign_in (occasion_kind, occasion_id, person_id, status, method, signed_at, marked_by, reason)
                            values (:kind, :id, :person, 'LEAVE', 'LEAVE', :at, :by, :reason)
                            on conflict (occasion_kind, occasion_id, person_id) do update
                               set status = 'LEAVE', method = 'LEAVE', marked_by = excluded.marked_by, reason = excluded.reason""")
                    .param("kind", ref.kind()).param("id", ref.id()).param("person", row.personId())
                    .param("at", Timestamp.from(now)).param("by", caller.username()).param("reason", row.reason()).update();
            events.publishEvent(new SignedIn(ref, row.personId(), AttendanceStatus.LEAVE, now));
            // What this leave now means for the trainee, by the same rule the completion reads.
            effect = occasions.provider(ref.kind()).flatMap(p -> p.leaveBudget(ref.id(), row.personId()))
                    .map(b -> b.excused() ? "leave.mail.excused" : "leave.mail.beyond-limit").orElse("");
        }
        audit.record(AuditService.UPDATE, "LEAVE", row.personId(), row.personName(),
                approve ? AuditDetail.of("leave.approved", row.occasion().context() + " · " + row.occasion().title())
                        : AuditDetail.of("leave.refused", row.occasion().context() + " · " + row.occasion().title(), refusal));
        String email = jdbc.sql("select email from person where id = :id").param("id", row.personId())
                .query(String.class).optional().orElse(null);
        if (email != null) {
            Locale language = languages.of(row.personId());
            String decision = Translations.get(language, approve ? "leave.mail.approved" : "leave.mail.refused");
            String more = approve ? (effect.isEmpty() ? "" : Translations.get(language, effect))
                    : Translations.get(language, "leave.mail.refusal-reason", refusal);
            outbox.enqueue(templates.compose(email, language, "leave.mail", row.personName(), row.occasion().context(),
                    row.occasion().title(), decision, more), "leave:" + requestId);
        }
    }

    /** Joins the request's occasion and keeps those owned in the unit subtree {@code :scope} (a path prefix + '%'). */
    private String inScope() {
        return "join (" + occasions.ownersQuery() + ") o on o.kind = l.occasion_kind and o.id = l.occasion_id"
                + " and o.unit_path like :scope";
    }

    /** The requests matching {@code where} (joins, conditions, order and limit), their occasions and leave budgets looked up per provider in one go each. */
    private List<LeaveRow> rows(String where, Map<String, Object> params) {
        record Raw(long id, long personId, String name, String unit, OccasionRef ref, String reason, LeaveStatus status,
                   Instant requestedAt, String refusal) {
        }
        var query = jdbc.sql("""
                select l.id, l.person_id, p.name, u.name as unit, l.occasion_kind, l.occasion_id, l.reason, l.status, l.requested_at,
                       l.decision_reason
                from leave_request l join person p on p.id = l.person_id join unit u on u.id = p.unit_id
                """ + where).params(params);
        List<Raw> raws = query.query((rs, n) -> new Raw(rs.getLong("id"), rs.getLong("person_id"), rs.getString("name"),
                rs.getString("unit"), new OccasionRef(rs.getString("occasion_kind"), rs.getLong("occasion_id")),
                rs.getString("reason"), LeaveStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("requested_at").toInstant(), rs.getString("decision_reason"))).list();
        Map<OccasionRef, Occasion> found = new HashMap<>();
        Map<OccasionRef, Map<Long, OccasionProvider.LeaveBudget>> budgets = new HashMap<>();
        raws.stream().collect(Collectors.groupingBy(r -> r.ref().kind())).forEach((kind, ofKind) ->
                occasions.provider(kind).ifPresent(provider -> {
                    provider.findAll(ofKind.stream().map(r -> r.ref().id()).distinct().toList())
                            .forEach((id, o) -> found.put(new OccasionRef(kind, id), o));
                    provider.leaveBudgets(ofKind.stream().map(r -> new OccasionProvider.Attendee(r.ref().id(), r.personId()))
                                    .distinct().toList())
                            .forEach((a, b) -> budgets.computeIfAbsent(new OccasionRef(kind, a.occasionId()), k -> new HashMap<>())
                                    .put(a.personId(), b));
                }));
        return raws.stream().map(r -> new LeaveRow(r.id(), r.personId(), r.name(), r.unit(), found.get(r.ref()), r.reason(),
                r.status(), r.requestedAt(), budgets.getOrDefault(r.ref(), Map.of()).get(r.personId()), r.refusal())).toList();
    }
}
