package cn.tongxin.rotation;

import cn.tongxin.people.PersonOption;
import cn.tongxin.Application;
import cn.tongxin.audit.AuditDetail;
import cn.tongxin.audit.AuditService;
import cn.tongxin.base.DomainException;
import cn.tongxin.base.Page;
import cn.tongxin.people.PersonLabel;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rotation plans, classes and their sessions. A plan and a class belong to a unit: organizers of that unit's
 * subtree manage them; organizers and checkers read the plans of their unit, the units above and below it.
 */
@Service
public class RotationService {

    static final String PLAN = "ROTATION_PLAN";
    static final String CLASS = "ROTATION_CLASS";
    private static final String MANAGERS = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "')";
    private static final String READERS = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "','" + Roles.CHECKER + "')";

    private final JdbcClient jdbc;
    private final AuditService audit;
    private final Clock clock;
    private final Invitations invitations;
    private final ObjectProvider<CompletionAtClose> completion;

    RotationService(JdbcClient jdbc, AuditService audit, Clock clock, Invitations invitations,
                    ObjectProvider<CompletionAtClose> completion) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.invitations = invitations;
        this.completion = completion;
    }

    // ---------------------------------------------------------------- plans

    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public List<PlanRow> plans() {
        Caller caller = Callers.require();
        return jdbc.sql("""
                        select pl.id, pl.name, pl.unit_id, u.name as unit_name, pl.cycle_start, pl.cycle_end, pl.requirement,
                               pl.min_days, pl.min_hours,
                               (select count(*) from rotation_class_plan cp where cp.plan_id = pl.id) as class_count
                        from rotation_plan pl join unit u on u.id = pl.unit_id
                        where u.path like :scope or :own like u.path || '%'
                        order by pl.cycle_end desc, pl.name""")
                .param("scope", caller.scopePath() + "%").param("own", caller.scopePath())
                .query((rs, n) -> new PlanRow(rs.getLong("id"), rs.getString("name"), rs.getLong("unit_id"),
                        rs.getString("unit_name"), rs.getObject("cycle_start", LocalDate.class),
                        rs.getObject("cycle_end", LocalDate.class), Requirement.valueOf(rs.getString("requirement")),
                        rs.getInt("min_days"), rs.getBigDecimal("min_hours"), rs.getLong("class_count")))
                .list();
    }

    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public PlanDetail plan(long id) {
        PlanDetail plan = loadPlan(id);
        requireReadsPlan(Callers.require(), plan);
        return plan;
    }

    /** The people a plan names one by one that the caller may see, with their units (for the plan form). */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public List<PersonOption> namedPeople(long planId) {
        Caller caller = Callers.require();
        requireReadsPlan(caller, loadPlan(planId));
        return jdbc.sql("""
                        select p.id, u.name as unit_name, """ + PersonLabel.COLUMNS + """
                        from rotation_plan_person pp
                        join person p on p.id = pp.person_id join unit u on u.id = p.unit_id
                        where pp.plan_id = :plan and u.path like :scope order by p.name, p.id""")
                .param("plan", planId).param("scope", caller.scopePath() + "%")
                .query((rs, n) -> new PersonOption(rs.getLong("id"), PersonLabel.read(rs), rs.getString("unit_name"))).list();
    }

    @PreAuthorize(MANAGERS)
    @Transactional
    public long createPlan(PlanData data) {
        Caller caller = Callers.require();
        check(data);
        requireManages(caller, unitPath(data.unitId()));
        requireNamedInScope(caller, data);
        long id = jdbc.sql("""
                        insert into rotation_plan (name, unit_id, cycle_start, cycle_end, requirement, min_days, min_hours,
                                                   representative_only)
                        values (:name, :unit, :cs, :ce, :req, :days, :hours, :rep) returning id""")
                .params(planParams(data)).query(Long.class).single();
        writeCriteria(id, data);
        audit.record(AuditService.CREATE, PLAN, id, data.name().trim(), null);
        return id;
    }

    @PreAuthorize(MANAGERS)
    @Transactional
    public void updatePlan(long id, int expectedVersion, PlanData data) {
        Caller caller = Callers.require();
        check(data);
        PlanDetail plan = loadPlan(id);
        requireManages(caller, plan.unitPath());
        requireManages(caller, unitPath(data.unitId()));
        requireNamedInScope(caller, data);
        Map<String, Object> params = planParams(data);
        params.put("id", id);
        params.put("version", expectedVersion);
        int n = jdbc.sql("""
                        update rotation_plan set name = :name, unit_id = :unit, cycle_start = :cs, cycle_end = :ce,
                               requirement = :req, min_days = :days, min_hours = :hours, representative_only = :rep,
                               version = version + 1
                        where id = :id and version = :version""").params(params).update();
        if (n == 0) {
            throw new ObjectOptimisticLockingFailureException("rotation_plan", id);
        }
        for (String t : List.of("rotation_plan_sector", "rotation_plan_party", "rotation_plan_unit", "rotation_plan_person")) {
            jdbc.sql("delete from " + t + " where plan_id = :id").param("id", id).update();
        }
        writeCriteria(id, data);
        audit.record(AuditService.UPDATE, PLAN, id, data.name().trim(), null);
    }

    private static Map<String, Object> planParams(PlanData d) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", d.name().trim());
        p.put("unit", d.unitId());
        p.put("cs", d.cycleStart());
        p.put("ce", d.cycleEnd());
        p.put("req", d.requirement().name());
        p.put("days", d.minDays());
        p.put("hours", d.minHours());
        p.put("rep", d.representativeOnly());
        return p;
    }

    private void writeCriteria(long id, PlanData d) {
        d.sectorIds().forEach(s -> jdbc.sql("insert into rotation_plan_sector values (:p, :x)").param("p", id).param("x", s).update());
        d.partyIds().forEach(s -> jdbc.sql("insert into rotation_plan_party values (:p, :x)").param("p", id).param("x", s).update());
        d.unitIds().forEach(s -> jdbc.sql("insert into rotation_plan_unit values (:p, :x)").param("p", id).param("x", s).update());
        if (!d.personIds().isEmpty()) {
            jdbc.sql("insert into rotation_plan_person select :p, unnest(cast(:x as bigint[]))")
                    .param("p", id).param("x", d.personIds().toArray(Long[]::new)).update();
        }
    }

    /** People named one by one must be people the caller manages, inside the plan's unit: no one else's. */
    private void requireNamedInScope(Caller caller, PlanData d) {
        if (d.personIds().isEmpty()) {
            return;
        }
        String planPath = unitPath(d.unitId());
        long inScope = jdbc.sql("""
                        select count(*) from person p join unit u on u.id = p.unit_id
                        where p.id in (:ids) and u.path like :scope and u.path like :plan""")
                .param("ids", d.personIds()).param("scope", caller.scopePath() + "%").param("plan", planPath + "%")
                .query(Long.class).single();
        if (inScope != d.personIds().size()) {
            throw new DomainException("rotation.error.named-outside");
        }
    }

    private static void check(PlanData d) {
        if (d.name() == null || d.name().isBlank() || d.name().trim().length() > PlanData.NAME_MAX) {
            throw new DomainException("rotation.error.plan-name");
        }
        if (d.cycleStart() == null || d.cycleEnd() == null || !d.cycleEnd().isAfter(d.cycleStart())) {
            throw new DomainException("rotation.error.cycle");
        }
        if (d.requirement() == null || d.minDays() < 1 || d.minDays() > 365 || d.minHours().signum() < 0
            || (d.requirement() == Requirement.HOURS && d.minHours().signum() <= 0)) {
            throw new DomainException("rotation.error.requirement");
        }
        if (!d.hasCriteria() && d.personIds().isEmpty()) {
            throw new DomainException("rotation.error.population-empty");
        }
    }

    PlanDetail loadPlan(long id) {
        record Head(int version, String name, long unitId, LocalDate cs, LocalDate ce, Requirement req, int days,
                    BigDecimal hours, boolean rep, String unitName, String unitPath) {
        }
        Head h = jdbc.sql("""
                        select pl.*, u.name as unit_name, u.path as unit_path from rotation_plan pl
                        join unit u on u.id = pl.unit_id where pl.id = :id""").param("id", id)
                .query((rs, n) -> new Head(rs.getInt("version"), rs.getString("name"), rs.getLong("unit_id"),
                        rs.getObject("cycle_start", LocalDate.class), rs.getObject("cycle_end", LocalDate.class),
                        Requirement.valueOf(rs.getString("requirement")), rs.getInt("min_days"),
                        rs.getBigDecimal("min_hours"), rs.getBoolean("representative_only"), rs.getString("unit_name"),
                        rs.getString("unit_path")))
                .optional().orElseThrow(() -> new DomainException("rotation.error.plan-not-found"));
        PlanData data = new PlanData(h.name(), h.unitId(), h.cs(), h.ce(), h.req(), h.days(), h.hours(),
                ids("select sector_id from rotation_plan_sector where plan_id = :id", id),
                ids("select party_id from rotation_plan_party where plan_id = :id", id),
                ids("select unit_id from rotation_plan_unit where plan_id = :id", id), h.rep(),
                ids("select person_id from rotation_plan_person where plan_id = :id", id));
        return new PlanDetail(id, h.version(), data, h.unitName(), h.unitPath());
    }

    private Set<Long> ids(String sql, long id) {
        return new LinkedHashSet<>(jdbc.sql(sql).param("id", id).query(Long.class).list());
    }

    /** Organizers and checkers read plans of their unit's subtree and of the units above theirs. */
    static void requireReadsPlan(Caller caller, PlanDetail plan) {
        boolean reader = caller.isAdmin() || caller.has(Roles.ORGANIZER) || caller.has(Roles.CHECKER);
        if (!reader || !(caller.managesUnit(plan.unitPath()) || caller.unitPath().startsWith(plan.unitPath()))) {
            throw new AccessDeniedException("plan outside scope");
        }
    }

    /** The unit-path prefix a caller sees of a plan: the deeper of the plan's unit and the caller's scope. */
    static String coverageScope(Caller caller, PlanDetail plan) {
        String scope = caller.scopePath();
        return scope.startsWith(plan.unitPath()) ? scope : plan.unitPath();
    }

    // ---------------------------------------------------------------- classes

    /** Classes the caller manages, or in which one of the caller's units holds a seat quota. */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public Page<ClassRow> classes(Long planId, ClassStatus status, int offset, int limit) {
        Caller caller = Callers.require();
        Map<String, Object> params = new HashMap<>();
        params.put("scope", caller.scopePath() + "%");
        String where = "(u.path like :scope or exists (select 1 from rotation_quota q join unit qu on qu.id = q.unit_id"
                       + " where q.class_id = c.id and qu.path like :scope))";
        if (planId != null) {
            where += " and exists (select 1 from rotation_class_plan cp where cp.class_id = c.id and cp.plan_id = :plan)";
            params.put("plan", planId);
        }
        if (status != null) {
            where += " and c.status = :status";
            params.put("status", status.name());
        }
        long total = jdbc.sql("select count(*) from rotation_class c join unit u on u.id = c.unit_id where " + where)
                .params(params).query(Long.class).single();
        params.put("limit", limit);
        params.put("offset", offset);
        List<ClassRow> rows = jdbc.sql("""
                        select c.id, c.title, c.unit_id, u.name as unit_name, c.venue, c.start_date, c.end_date, c.capacity,
                               c.enrolled, c.status,
                               (select string_agg(pl.name, '、' order by pl.id) from rotation_class_plan cp
                                  join rotation_plan pl on pl.id = cp.plan_id where cp.class_id = c.id) as plan_names
                        from rotation_class c join unit u on u.id = c.unit_id
                        where """ + where + " order by c.start_date desc, c.id desc limit :limit offset :offset")
                .params(params).query(RotationService::classRow).list();
        return new Page<>(rows, total);
    }

    static ClassRow classRow(ResultSet rs, int n) throws SQLException {
        return new ClassRow(rs.getLong("id"), rs.getString("title"), rs.getLong("unit_id"), rs.getString("unit_name"),
                rs.getString("venue"), rs.getObject("start_date", LocalDate.class), rs.getObject("end_date", LocalDate.class),
                rs.getInt("capacity"), rs.getInt("enrolled"), ClassStatus.valueOf(rs.getString("status")),
                rs.getString("plan_names"));
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public ClassDetail classDetail(long id) {
        Caller caller = Callers.require();
        ClassHead head = head(id);
        if (!caller.managesUnit(head.unitPath()) && !hasQuotaInScope(caller, id) && !isEnrolled(caller, id)) {
            throw new AccessDeniedException("class outside scope");
        }
        return new ClassDetail(id, head.version(), head.data(), head.status(), head.enrolled(), head.unitName(),
                caller.has(Roles.ORGANIZER) && caller.managesUnit(head.unitPath())
                || caller.isAdmin());
    }

    @PreAuthorize(MANAGERS)
    @Transactional
    public long createClass(ClassData data) {
        Caller caller = Callers.require();
        check(data, caller);
        requireManages(caller, unitPath(data.unitId()));
        long id = jdbc.sql("""
                        insert into rotation_class (title, unit_id, venue, start_date, end_date, capacity, min_attendance_pct,
                                                    max_leave_share, min_hours)
                        values (:title, :unit, :venue, :start, :end, :capacity, :att, :leave, :hours) returning id""")
                .params(classParams(data)).query(Long.class).single();
        writePlans(id, data.planIds());
        audit.record(AuditService.CREATE, CLASS, id, data.title().trim(), null);
        return id;
    }

    /** Saves a change made from {@code expectedVersion}; date changes send updated invitations. */
    @PreAuthorize(MANAGERS)
    @Transactional
    public void updateClass(long id, int expectedVersion, ClassData data) {
        Caller caller = Callers.require();
        ClassHead head = lockManaged(caller, id);
        check(data, caller);
        requireManages(caller, unitPath(data.unitId()));
        if (data.capacity() < head.enrolled()) {
            throw new DomainException("rotation.error.capacity-below-enrolled", head.enrolled());
        }
        if (!data.startDate().equals(head.data().startDate()) || !data.endDate().equals(head.data().endDate())) {
            Integer outside = jdbc.sql("""
                            select count(*) from rotation_session where class_id = :id
                            and (starts_at < :from or ends_at > :to)""")
                    .param("id", id).param("from", offset(data.startDate().atStartOfDay()))
                    .param("to", offset(data.endDate().plusDays(1).atStartOfDay())).query(Integer.class).single();
            if (outside > 0) {
                throw new DomainException("rotation.error.sessions-outside-dates", outside);
            }
        }
        Map<String, Object> params = classParams(data);
        params.put("id", id);
        params.put("version", expectedVersion);
        int n = jdbc.sql("""
                        update rotation_class set title = :title, unit_id = :unit, venue = :venue, start_date = :start,
                               end_date = :end, capacity = :capacity, min_attendance_pct = :att, max_leave_share = :leave,
                               min_hours = :hours, version = version + 1
                        where id = :id and version = :version""").params(params).update();
        if (n == 0) {
            throw new ObjectOptimisticLockingFailureException("rotation_class", id);
        }
        jdbc.sql("delete from rotation_class_plan where class_id = :id").param("id", id).update();
        writePlans(id, data.planIds());
        boolean datesChanged = !data.startDate().equals(head.data().startDate()) || !data.endDate().equals(head.data().endDate())
                               || !java.util.Objects.equals(data.venue(), head.data().venue());
        if (datesChanged && head.status() != ClassStatus.DRAFT) {
            invitations.sendUpdates(id, expectedVersion + 1);
        }
        audit.record(AuditService.UPDATE, CLASS, id, data.title().trim(), datesChanged ? AuditDetail.of("class.dates") : null);
    }

    /** Moves a class one step on: draft → published (invitations go out) → in progress → closed. */
    @PreAuthorize(MANAGERS)
    @Transactional
    public ClassStatus advance(long id) {
        Caller caller = Callers.require();
        ClassHead head = lockManaged(caller, id);
        ClassStatus next = head.status().next();
        if (next == null) {
            throw new DomainException("rotation.error.class-closed");
        }
        if (next == ClassStatus.PUBLISHED && sessionCount(id) == 0) {
            throw new DomainException("rotation.error.no-sessions");
        }
        if (next == ClassStatus.CLOSED) {
            // Who completed is decided from the sign-ins, in this transaction (hand marks made before stay).
            completion.getObject().apply(id);
        }
        jdbc.sql("""
                        update rotation_class set status = :s, version = version + 1,
                               closed_at = case when :s = 'CLOSED' then cast(:now as timestamptz) end where id = :id""")
                .param("s", next.name()).param("now", java.sql.Timestamp.from(clock.instant())).param("id", id).update();
        if (next == ClassStatus.PUBLISHED) {
            invitations.inviteAll(id);
        }
        audit.record(AuditService.UPDATE, CLASS, id, head.data().title(), AuditDetail.of("class.status." + next));
        return next;
    }

    /** What {@link #advance} would do now, for the organizer to confirm: nothing is changed. */
    @PreAuthorize(MANAGERS)
    @Transactional(readOnly = true)
    public StepPreview previewAdvance(long id) {
        ClassHead head = head(id);
        requireManages(Callers.require(), head.unitPath());
        ClassStatus next = head.status().next();
        if (next == null) {
            throw new DomainException("rotation.error.class-closed");
        }
        return switch (next) {
            case PUBLISHED -> new StepPreview(next, jdbc.sql("""
                            select count(*) from rotation_enrollment e join person p on p.id = e.person_id
                            where e.class_id = :c and e.status = 'INVITED' and p.email is not null""")
                    .param("c", id).query(Integer.class).single(), 0);
            case IN_PROGRESS -> new StepPreview(next, jdbc.sql("""
                            select count(*) from rotation_enrollment where class_id = :c and status in ('INVITED', 'CONFIRMED')""")
                    .param("c", id).query(Integer.class).single(), 0);
            case CLOSED -> {
                var verdicts = completion.getObject().verdicts(id);
                yield new StepPreview(next, verdicts.size(), (int) verdicts.stream().filter(CompletionAtClose.Verdict::completed).count());
            }
            case DRAFT -> throw new IllegalStateException("a class never goes back to draft");
        };
    }

    /** The next intake: same title pattern, rule, plans, sessions and quotas, dates shifted, roster empty. */
    @PreAuthorize(MANAGERS)
    @Transactional
    public long cloneClass(long id, LocalDate newStart, String newTitle) {
        Caller caller = Callers.require();
        ClassHead head = lockManaged(caller, id);
        long shift = newStart.toEpochDay() - head.data().startDate().toEpochDay();
        ClassData d = head.data();
        ClassData copy = new ClassData(newTitle == null || newTitle.isBlank() ? d.title() : newTitle, d.unitId(), d.venue(),
                newStart, d.endDate().plusDays(shift), d.capacity(), d.planIds(), d.minAttendancePct(),
                d.maxLeaveShare(), d.minHours());
        check(copy, caller);
        long copyId = jdbc.sql("""
                        insert into rotation_class (title, unit_id, venue, start_date, end_date, capacity, min_attendance_pct,
                                                    max_leave_share, min_hours, cloned_from)
                        values (:title, :unit, :venue, :start, :end, :capacity, :att, :leave, :hours, :from) returning id""")
                .params(classParams(copy)).param("from", id).query(Long.class).single();
        writePlans(copyId, copy.planIds());
        jdbc.sql("""
                        insert into rotation_session (class_id, title, kind, speaker, starts_at, ends_at, place, hours,
                                 signin_opens_before, signin_late_after, signin_closes_after)
                        select :copy, title, kind, speaker, starts_at + make_interval(days => :shift),
                               ends_at + make_interval(days => :shift), place, hours, signin_opens_before,
                               signin_late_after, signin_closes_after
                        from rotation_session where class_id = :id""")
                .param("copy", copyId).param("shift", (int) shift).param("id", id).update();
        jdbc.sql("insert into rotation_quota (class_id, unit_id, seats) select :copy, unit_id, seats from rotation_quota where class_id = :id")
                .param("copy", copyId).param("id", id).update();
        audit.record(AuditService.CREATE, CLASS, copyId, copy.title(), AuditDetail.of("class.clone", head.data().title()));
        return copyId;
    }

    private static Map<String, Object> classParams(ClassData d) {
        Map<String, Object> p = new HashMap<>();
        p.put("title", d.title().trim());
        p.put("unit", d.unitId());
        p.put("venue", d.venue() == null || d.venue().isBlank() ? null : d.venue().trim());
        p.put("start", d.startDate());
        p.put("end", d.endDate());
        p.put("capacity", d.capacity());
        p.put("att", d.minAttendancePct());
        p.put("leave", d.maxLeaveShare());
        p.put("hours", d.minHours());
        return p;
    }

    private void writePlans(long classId, Set<Long> planIds) {
        planIds.forEach(p -> jdbc.sql("insert into rotation_class_plan values (:c, :p)").param("c", classId).param("p", p).update());
    }

    private void check(ClassData d, Caller caller) {
        if (d.title() == null || d.title().isBlank() || d.title().trim().length() > ClassData.TITLE_MAX) {
            throw new DomainException("rotation.error.class-title");
        }
        if (d.startDate() == null || d.endDate() == null || d.endDate().isBefore(d.startDate())) {
            throw new DomainException("rotation.error.class-dates");
        }
        if (d.capacity() < 1 || d.capacity() > 10000) {
            throw new DomainException("rotation.error.capacity");
        }
        if (d.minAttendancePct() < 0 || d.minAttendancePct() > 100 || d.maxLeaveShare().signum() < 0
            || d.maxLeaveShare().compareTo(BigDecimal.ONE) > 0 || d.minHours().signum() < 0) {
            throw new DomainException("rotation.error.rule");
        }
        for (long planId : d.planIds()) {
            requireReadsPlan(caller, loadPlan(planId));
        }
    }

    record ClassHead(int version, ClassData data, ClassStatus status, int enrolled, String unitName, String unitPath) {
    }

    ClassHead head(long id) {
        return headQuery("", id);
    }

    /** Locks the class row: enrollment, sessions and status changes of one class run one at a time. */
    ClassHead lockManaged(Caller caller, long id) {
        ClassHead head = headQuery(" for update of c", id);
        if (!caller.has(Roles.ORGANIZER) && !caller.isAdmin() || !caller.managesUnit(head.unitPath())) {
            throw new AccessDeniedException("class outside scope");
        }
        return head;
    }

    private ClassHead headQuery(String lock, long id) {
        ClassHead h = jdbc.sql("""
                        select c.*, u.name as unit_name, u.path as unit_path from rotation_class c
                        join unit u on u.id = c.unit_id where c.id = :id""" + lock).param("id", id)
                .query((rs, n) -> new ClassHead(rs.getInt("version"), new ClassData(rs.getString("title"),
                        rs.getLong("unit_id"), rs.getString("venue"), rs.getObject("start_date", LocalDate.class),
                        rs.getObject("end_date", LocalDate.class), rs.getInt("capacity"), Set.of(),
                        rs.getInt("min_attendance_pct"), rs.getBigDecimal("max_leave_share"), rs.getBigDecimal("min_hours")),
                        ClassStatus.valueOf(rs.getString("status")), rs.getInt("enrolled"), rs.getString("unit_name"),
                        rs.getString("unit_path")))
                .optional().orElseThrow(() -> new DomainException("rotation.error.class-not-found"));
        Set<Long> plans = new HashSet<>(jdbc.sql("select plan_id from rotation_class_plan where class_id = :id")
                .param("id", id).query(Long.class).list());
        ClassData d = h.data();
        return new ClassHead(h.version(), new ClassData(d.title(), d.unitId(), d.venue(), d.startDate(), d.endDate(),
                d.capacity(), plans, d.minAttendancePct(), d.maxLeaveShare(), d.minHours()), h.status(), h.enrolled(),
                h.unitName(), h.unitPath());
    }

    boolean hasQuotaInScope(Caller caller, long classId) {
        if (!caller.has(Roles.ORGANIZER) && !caller.has(Roles.CHECKER) && !caller.isAdmin()) {
            return false;
        }
        return jdbc.sql("""
                        select exists (select 1 from rotation_quota q join unit u on u.id = q.unit_id
                                       where q.class_id = :c and u.path like :scope)""")
                .param("c", classId).param("scope", caller.scopePath() + "%").query(Boolean.class).single();
    }

    private boolean isEnrolled(Caller caller, long classId) {
        return caller.personId() != null && jdbc.sql(
                        "select exists (select 1 from rotation_enrollment where class_id = :c and person_id = :p)")
                .param("c", classId).param("p", caller.personId()).query(Boolean.class).single();
    }

    // ---------------------------------------------------------------- sessions

    /** The timetable of a class, in time order. Anyone who may see the class may see its timetable. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<SessionRow> sessions(long classId) {
        classDetail(classId);
        return sessionsOf(classId);
    }

    List<SessionRow> sessionsOf(long classId) {
        return jdbc.sql("select * from rotation_session where class_id = :c order by starts_at")
                .param("c", classId).query(RotationService::sessionRow).list();
    }

    /** One session, for sign-in (which checks its own rules): no scope check beyond being signed in. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public SessionRow session(long id) {
        return jdbc.sql("select * from rotation_session where id = :id").param("id", id)
                .query(RotationService::sessionRow).optional()
                .orElseThrow(() -> new DomainException("rotation.error.session-not-found"));
    }

    static SessionRow sessionRow(ResultSet rs, int n) throws SQLException {
        return new SessionRow(rs.getLong("id"), rs.getLong("class_id"), rs.getInt("version"), rs.getString("title"),
                SessionKind.valueOf(rs.getString("kind")), rs.getString("speaker"), local(rs.getTimestamp("starts_at")),
                local(rs.getTimestamp("ends_at")), rs.getString("place"), rs.getBigDecimal("hours"),
                rs.getInt("signin_opens_before"), rs.getInt("signin_late_after"), rs.getInt("signin_closes_after"));
    }

    private static LocalDateTime local(Timestamp t) {
        return t.toInstant().atZone(Application.ZONE).toLocalDateTime();
    }

    static OffsetDateTime offset(LocalDateTime t) {
        return t.atZone(Application.ZONE).toOffsetDateTime();
    }

    @PreAuthorize(MANAGERS)
    @Transactional
    public long addSession(long classId, SessionData data) {
        Caller caller = Callers.require();
        ClassHead head = lockManaged(caller, classId);
        check(data, head, classId, null);
        Map<String, Object> p = sessionParams(data);
        p.put("c", classId);
        long id = jdbc.sql("""
                        insert into rotation_session (class_id, title, kind, speaker, starts_at, ends_at, place, hours,
                               signin_opens_before, signin_late_after, signin_closes_after)
                        values (:c, :title, :kind, :speaker, :starts, :ends, :place, :hours, :ob, :la, :ca) returning id""")
                .params(p).query(Long.class).single();
        jdbc.sql("update rotation_class set version = version + 1 where id = :id").param("id", classId).update();
        return id;
    }

    @PreAuthorize(MANAGERS)
    @Transactional
    public void updateSession(long sessionId, int expectedVersion, SessionData data) {
        Caller caller = Callers.require();
        SessionRow current = session(sessionId);
        ClassHead head = lockManaged(caller, current.classId());
        check(data, head, current.classId(), sessionId);
        Map<String, Object> p = sessionParams(data);
        p.put("id", sessionId);
        p.put("version", expectedVersion);
        int n = jdbc.sql("""
                        update rotation_session set title = :title, kind = :kind, speaker = :speaker, starts_at = :starts,
                               ends_at = :ends, place = :place, hours = :hours, signin_opens_before = :ob,
                               signin_late_after = :la, signin_closes_after = :ca, version = version + 1
                        where id = :id and version = :version""").params(p).update();
        if (n == 0) {
            throw new ObjectOptimisticLockingFailureException("rotation_session", sessionId);
        }
    }

    /** How many people have a sign-in or a leave request at the session: what deleting it would drop. */
    @PreAuthorize(MANAGERS)
    @Transactional(readOnly = true)
    public int peopleRecordedAt(long sessionId) {
        SessionRow current = session(sessionId);
        requireManages(Callers.require(), head(current.classId()).unitPath());
        return jdbc.sql("""
                        select count(distinct person_id) from (
                          select person_id from sign_in where occasion_kind = :kind and occasion_id = :id
                          union all
                          select person_id from leave_request where occasion_kind = :kind and occasion_id = :id) r""")
                .param("kind", SessionOccasions.KIND).param("id", sessionId).query(Integer.class).single();
    }

    @PreAuthorize(MANAGERS)
    @Transactional
    public void deleteSession(long sessionId) {
        Caller caller = Callers.require();
        SessionRow current = session(sessionId);
        lockManaged(caller, current.classId());
        jdbc.sql("delete from rotation_session where id = :id").param("id", sessionId).update();
    }

    private void check(SessionData d, ClassHead head, long classId, Long exceptId) {
        if (d.title() == null || d.title().isBlank() || d.title().trim().length() > 200 || d.kind() == null) {
            throw new DomainException("rotation.error.session-title");
        }
        if (d.startsAt() == null || d.endsAt() == null || !d.endsAt().isAfter(d.startsAt())) {
            throw new DomainException("rotation.error.session-times");
        }
        if (d.startsAt().toLocalDate().isBefore(head.data().startDate()) || d.endsAt().toLocalDate().isAfter(head.data().endDate())) {
            throw new DomainException("rotation.error.session-outside-class");
        }
        if (d.hours().signum() < 0 || d.hours().compareTo(BigDecimal.valueOf(24)) > 0) {
            throw new DomainException("rotation.error.session-hours");
        }
        if (d.signInOpensBefore() < 0 || d.signInLateAfter() < 0 || d.signInClosesAfter() < d.signInLateAfter()
            || d.signInOpensBefore() > 720 || d.signInClosesAfter() > 1440) {
            throw new DomainException("rotation.error.signin-window");
        }
        String clash = jdbc.sql("""
                        select title from rotation_session where class_id = :c and id <> :except
                        and tstzrange(starts_at, ends_at) && tstzrange(:s, :e) limit 1""")
                .param("c", classId).param("except", exceptId == null ? -1L : exceptId)
                .param("s", offset(d.startsAt())).param("e", offset(d.endsAt())).query(String.class).optional().orElse(null);
        if (clash != null) {
            throw new DomainException("rotation.error.session-overlap", clash);
        }
    }

    private static Map<String, Object> sessionParams(SessionData d) {
        Map<String, Object> p = new HashMap<>();
        p.put("title", d.title().trim());
        p.put("kind", d.kind().name());
        p.put("speaker", blankToNull(d.speaker()));
        p.put("starts", offset(d.startsAt()));
        p.put("ends", offset(d.endsAt()));
        p.put("place", blankToNull(d.place()));
        p.put("hours", d.hours());
        p.put("ob", d.signInOpensBefore());
        p.put("la", d.signInLateAfter());
        p.put("ca", d.signInClosesAfter());
        return p;
    }

    private int sessionCount(long classId) {
        return jdbc.sql("select count(*) from rotation_session where class_id = :c").param("c", classId)
                .query(Integer.class).single();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    // ---------------------------------------------------------------- scope helpers

    String unitPath(long unitId) {
        return jdbc.sql("select path from unit where id = :id").param("id", unitId).query(String.class).optional()
                .orElseThrow(() -> new DomainException("unit.error.not-found"));
    }

    static void requireManages(Caller caller, String unitPath) {
        if (!(caller.isAdmin() || caller.has(Roles.ORGANIZER)) || !caller.managesUnit(unitPath)) {
            throw new AccessDeniedException("unit outside the caller's scope");
        }
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Catches a violated database rule raised by a concurrent writer and says it in the domain's words. */
    static DomainException translate(DataIntegrityViolationException e) {
        return new DomainException("error.concurrent-change");
    }
}
