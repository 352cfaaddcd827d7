package cn.tongxin.rotation;

import cn.tongxin.Application;
import cn.tongxin.audit.AuditDetail;
import cn.tongxin.audit.AuditService;
import cn.tongxin.base.DomainException;
import cn.tongxin.base.Page;
import cn.tongxin.people.PersonLabel;
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

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who is in which class. The capacity is a hard limit kept by the database: a seat is taken by one atomic
 * {@code update ... set enrolled = enrolled + 1 where enrolled < capacity} (with a check constraint behind it),
 * so concurrent enrollments never overfill a class. Freed seats go to the waiting list in order.
 */
@Service
public class EnrollmentService {

    private static final String MANAGERS = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "')";
    private static final String READERS = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "','" + Roles.CHECKER + "')";

    private final JdbcClient jdbc;
    private final RotationService rotation;
    private final Invitations invitations;
    private final ApplicationEventPublisher events;
    private final AuditService audit;
    private final Clock clock;
    private final ClassAttendance attendance;

    EnrollmentService(JdbcClient jdbc, RotationService rotation, Invitations invitations, ApplicationEventPublisher events,
                      AuditService audit, Clock clock, ClassAttendance attendance) {
        this.jdbc = jdbc;
        this.attendance = attendance;
        this.rotation = rotation;
        this.invitations = invitations;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    enum Outcome { ENROLLED, WAITLISTED, ALREADY_IN, CONFLICT, FULL }

    // ---------------------------------------------------------------- enrolling

    /** Enrolls people chosen by the class's organizer; when the class is full, onto the waiting list if asked. */
    @PreAuthorize(MANAGERS)
    @Transactional
    public FillResult enroll(long classId, Collection<Long> personIds, boolean waitlistWhenFull) {
        Caller caller = Callers.require();
        RotationService.ClassHead head = rotation.lockManaged(caller, classId);
        requireOpen(head);
        requirePeopleInScope(caller, personIds);
        return enrollAll(classId, head, personIds, "ORGANIZER", waitlistWhenFull);
    }

    /** Fills the free seats of a class from a plan's population, the people not yet trained first. */
    @PreAuthorize(MANAGERS)
    @Transactional
    public FillResult fill(long classId, long planId, CandidateFilter filter) {
        Caller caller = Callers.require();
        RotationService.ClassHead head = rotation.lockManaged(caller, classId);
        requireOpen(head);
        int free = head.data().capacity() - head.enrolled();
        if (free <= 0) {
            return new FillResult(0, 0, 0, 0, 0);
        }
        // Take a few more than the free seats: some may be busy in another class at the same time.
        List<Long> ids = candidates(classId, planId, filter, 0, free * 2 + 20).items().stream()
                .map(Candidate::personId).toList();
        List<Long> chosen = new ArrayList<>();
        int enrolled = 0, conflicting = 0;
        for (long personId : ids) {
            if (enrolled >= free) {
                break;
            }
            Outcome o = enrollOne(classId, personId, "ORGANIZER", false);
            if (o == Outcome.ENROLLED) {
                enrolled++;
                chosen.add(personId);
            } else if (o == Outcome.CONFLICT) {
                conflicting++;
            }
        }
        invitations.invite(classId, chosen);
        audit.record(AuditService.UPDATE, RotationService.CLASS, classId, head.data().title(), AuditDetail.of("class.filled", enrolled));
        return new FillResult(enrolled, 0, 0, conflicting, 0);
    }

    FillResult enrollAll(long classId, RotationService.ClassHead head, Collection<Long> personIds, String source,
                         boolean waitlistWhenFull) {
        int[] counts = new int[Outcome.values().length];
        List<Long> seated = new ArrayList<>();
        for (long personId : personIds) {
            Outcome o = enrollOne(classId, personId, source, waitlistWhenFull);
            counts[o.ordinal()]++;
            if (o == Outcome.ENROLLED) {
                seated.add(personId);
            }
        }
        invitations.invite(classId, seated);
        audit.record(AuditService.UPDATE, RotationService.CLASS, classId, head.data().title(),
                AuditDetail.of("class.enrolled", seated.size()));
        return new FillResult(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    /**
     * One person into one class. A per-person advisory lock serialises this person's enrollments, so that two
     * classes at the same time cannot both take them; the seat counter keeps the capacity.
     */
    Outcome enrollOne(long classId, long personId, String source, boolean waitlistWhenFull) {
        jdbc.sql("select 1 from (select pg_advisory_xact_lock(20230101, cast(:p as int))) x").param("p", personId)
                .query(Integer.class).single();
        String existing = jdbc.sql("select status from rotation_enrollment where class_id = :c and person_id = :p")
                .param("c", classId).param("p", personId).query(String.class).optional().orElse(null);
        if (existing != null && !existing.equals("DECLINED") && !existing.equals("WITHDRAWN")) {
            return Outcome.ALREADY_IN;
        }
        if (busyElsewhere(classId, personId)) {
            return Outcome.CONFLICT;
        }
        boolean seat = takeSeat(classId);
        if (!seat && !waitlistWhenFull) {
            return Outcome.FULL;
        }
        String status = seat ? "INVITED" : "WAITLISTED";
        jdbc.sql("""
                        insert into rotation_enrollment (class_id, person_id, status, source, created_at, updated_at)
                        values (:c, :p, :s, :src, :now, :now)
                        on conflict (class_id, person_id) do update set status = excluded.status, source = excluded.source,
                            hours = null, completed_at = null, created_at = excluded.created_at, updated_at = excluded.updated_at""")
                .param("c", classId).param("p", personId).param("s", status).param("src", source)
                .param("now", Timestamp.from(clock.instant())).update();
        return seat ? Outcome.ENROLLED : Outcome.WAITLISTED;
    }

    /** True if the person holds (or waits for) a seat in another class whose dates overlap this one's. */
    boolean busyElsewhere(long classId, long personId) {
        return jdbc.sql("""
                        select exists (select 1 from rotation_enrollment e join rotation_class o on o.id = e.class_id
                                       join rotation_class c on c.id = :c
                                       where e.person_id = :p and e.class_id <> :c
                                         and e.status in ('INVITED', 'CONFIRMED', 'WAITLISTED')
                                         and o.start_date <= c.end_date and c.start_date <= o.end_date)""")
                .param("c", classId).param("p", personId).query(Boolean.class).single();
    }

    private boolean takeSeat(long classId) {
        return jdbc.sql("update rotation_class set enrolled = enrolled + 1 where id = :c and enrolled < capacity")
                .param("c", classId).update() == 1;
    }

    /** A seat freed: give it to the first on the waiting list, else return it to the class. */
    private void freeSeat(long classId) {
        Long next = jdbc.sql("""
                        select id from rotation_enrollment where class_id = :c and status = 'WAITLISTED'
                        order by created_at, id limit 1 for update""")
                .param("c", classId).query(Long.class).optional().orElse(null);
        if (next == null) {
            jdbc.sql("update rotation_class set enrolled = enrolled - 1 where id = :c").param("c", classId).update();
            return;
        }
        long personId = jdbc.sql("update rotation_enrollment set status = 'INVITED', updated_at = :now where id = :id returning person_id")
                .param("id", next).param("now", Timestamp.from(clock.instant())).query(Long.class).single();
        invitations.invite(classId, List.of(personId));
    }

    private static void requireOpen(RotationService.ClassHead head) {
        if (head.status() == ClassStatus.CLOSED) {
            throw new DomainException("rotation.error.class-closed");
        }
    }

    private void requirePeopleInScope(Caller caller, Collection<Long> personIds) {
        if (personIds.isEmpty()) {
            return;
        }
        long outside = jdbc.sql("select count(*) from person p join unit u on u.id = p.unit_id where p.id in (:ids) and u.path not like :scope")
                .param("ids", personIds).param("scope", caller.scopePath() + "%").query(Long.class).single();
        if (outside > 0) {
            throw new AccessDeniedException("people outside the caller's scope");
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * The plan's population inside the caller's scope, minus those already in this class: untrained and
     * not enrolled first, then by unit and name.
     */
    @PreAuthorize(MANAGERS)
    @Transactional(readOnly = true)
    public Page<Candidate> candidates(long classId, long planId, CandidateFilter filter, int offset, int limit) {
        Caller caller = Callers.require();
        PlanDetail plan = rotation.plan(planId);
        Population.tune(jdbc);
        Map<String, Object> params = new HashMap<>();
        String ctes = Population.ctes(plan, RotationService.coverageScope(caller, plan), params);
        List<String> where = new ArrayList<>();
        where.add("not exists (select 1 from rotation_enrollment x where x.class_id = :cls and x.person_id = pop.person_id"
                  + " and x.status not in ('DECLINED', 'WITHDRAWN'))");
        params.put("cls", classId);
        if (filter.untrainedOnly()) {
            where.add("t.person_id is null and en.person_id is null");
        }
        if (filter.unitId() != null) {
            where.add("pop.path like (select path from unit where id = :fUnit) || '%'");
            params.put("fUnit", filter.unitId());
        }
        if (filter.sectorId() != null) {
            where.add("exists (select 1 from person_sector ps where ps.person_id = pop.person_id and ps.sector_id = :fSector)");
            params.put("fSector", filter.sectorId());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            where.add("p.name like :fText");
            params.put("fText", "%" + Population.escapeLike(filter.text().trim()) + "%");
        }
        String from = " from pop join person p on p.id = pop.person_id join unit u on u.id = pop.unit_id"
                      + " left join trained t on t.person_id = pop.person_id left join enrolled en on en.person_id = pop.person_id"
                      + " where " + String.join(" and ", where);
        long total = jdbc.sql("with " + ctes + " select count(*)" + from).params(params).query(Long.class).single();
        params.put("limit", limit);
        params.put("offset", offset);
        List<Candidate> rows = jdbc.sql("with " + ctes + """
                         select p.id, u.name as unit_name, p.representative,
                                (select string_agg(s.name, '、' order by s.sort_order) from person_sector ps
                                   join sector s on s.id = ps.sector_id where ps.person_id = p.id) as sectors,
                                t.person_id is not null as trained, en.person_id is not null as enrolled,
                         """ + PersonLabel.COLUMNS + from
                                        + " order by (t.person_id is not null), (en.person_id is not null), u.path, p.name, p.id"
                                        + " limit :limit offset :offset")
                .params(params).query((rs, n) -> new Candidate(rs.getLong("id"), PersonLabel.read(rs),
                        rs.getString("unit_name"), rs.getString("sectors"), rs.getBoolean("representative"),
                        rs.getBoolean("trained"), rs.getBoolean("enrolled"))).list();
        return new Page<>(rows, total);
    }

    /** The roster of a class: for its managers (and checkers in scope). */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public Page<EnrollmentRow> roster(long classId, EnrollmentStatus status, int offset, int limit) {
        requireSeesRoster(Callers.require(), classId);
        String where = "e.class_id = :c" + (status == null ? "" : " and e.status = :s");
        Map<String, Object> params = new HashMap<>();
        params.put("c", classId);
        if (status != null) {
            params.put("s", status.name());
        }
        long total = jdbc.sql("select count(*) from rotation_enrollment e where " + where).params(params).query(Long.class).single();
        params.put("limit", limit);
        params.put("offset", offset);
        List<EnrollmentRow> rows = jdbc.sql("select e.*, " + PersonLabel.COLUMNS + ", u.name as unit_name from rotation_enrollment e"
                                            + " join person p on p.id = e.person_id join unit u on u.id = p.unit_id where " + where
                                            + " order by case e.status when 'WAITLISTED' then 1 else 0 end, e.created_at, e.id"
                                            + " limit :limit offset :offset")
                .params(params).query(EnrollmentService::enrollmentRow).list();
        return new Page<>(rows, total);
    }

    private void requireSeesRoster(Caller caller, long classId) {
        RotationService.ClassHead head = rotation.head(classId);
        if (!caller.managesUnit(head.unitPath())) {
            throw new AccessDeniedException("class outside scope");
        }
    }

    static EnrollmentRow enrollmentRow(ResultSet rs, int n) throws SQLException {
        Timestamp completed = rs.getTimestamp("completed_at");
        return new EnrollmentRow(rs.getLong("id"), rs.getLong("class_id"), rs.getLong("person_id"),
                PersonLabel.read(rs), rs.getString("unit_name"), EnrollmentStatus.valueOf(rs.getString("status")),
                rs.getString("source"), rs.getBigDecimal("hours"), completed == null ? null : completed.toInstant());
    }

    /** The people holding a seat in a class (invited, confirmed, completed or not): for sign-in and the roster. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<Long> enrolledPersonIds(long classId) {
        rotation.classDetail(classId);
        return jdbc.sql("select person_id from rotation_enrollment where class_id = :c and status in ('INVITED','CONFIRMED','COMPLETED','NOT_COMPLETED') order by person_id")
                .param("c", classId).query(Long.class).list();
    }

    /** One enrollment: its person, the class's managers. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public EnrollmentRow enrollment(long id) {
        EnrollmentRow row = jdbc.sql("select e.*, " + PersonLabel.COLUMNS + ", u.name as unit_name from rotation_enrollment e"
                                     + " join person p on p.id = e.person_id join unit u on u.id = p.unit_id where e.id = :id")
                .param("id", id).query(EnrollmentService::enrollmentRow).optional()
                .orElseThrow(() -> new DomainException("rotation.error.enrollment-not-found"));
        Caller caller = Callers.require();
        if (!caller.isPerson(row.personId())) {
            requireSeesRoster(caller, row.classId());
        }
        return row;
    }

    // ---------------------------------------------------------------- changes by the organizer and the trainee

    @PreAuthorize(MANAGERS)
    @Transactional
    public void withdraw(long enrollmentId) {
        Caller caller = Callers.require();
        EnrollmentRow row = enrollment(enrollmentId);
        rotation.lockManaged(caller, row.classId());
        changeLeaving(row, "WITHDRAWN");
    }

    /** The trainee accepts their invitation. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void confirm(long enrollmentId) {
        EnrollmentRow row = own(enrollmentId);
        if (row.status() != EnrollmentStatus.INVITED) {
            throw new DomainException("rotation.error.not-invited");
        }
        jdbc.sql("update rotation_enrollment set status = 'CONFIRMED', updated_at = :now where id = :id")
                .param("id", enrollmentId).param("now", Timestamp.from(clock.instant())).update();
    }

    /** The trainee cannot come: the seat goes to the waiting list. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void decline(long enrollmentId) {
        EnrollmentRow row = own(enrollmentId);
        jdbc.sql("select id from rotation_class where id = :c for update").param("c", row.classId()).query(Long.class).single();
        changeLeaving(row, "DECLINED");
    }

    private EnrollmentRow own(long enrollmentId) {
        EnrollmentRow row = enrollment(enrollmentId);
        if (!Callers.require().isPerson(row.personId())) {
            throw new AccessDeniedException("not your enrollment");
        }
        return row;
    }

    private void changeLeaving(EnrollmentRow row, String newStatus) {
        EnrollmentStatus current = jdbc.sql("select status from rotation_enrollment where id = :id for update")
                .param("id", row.id()).query(String.class).optional().map(EnrollmentStatus::valueOf).orElseThrow();
        if (current != EnrollmentStatus.INVITED && current != EnrollmentStatus.CONFIRMED && current != EnrollmentStatus.WAITLISTED) {
            throw new DomainException("rotation.error.cannot-leave");
        }
        jdbc.sql("update rotation_enrollment set status = :s, updated_at = :now where id = :id")
                .param("s", newStatus).param("id", row.id()).param("now", Timestamp.from(clock.instant())).update();
        if (current.holdsSeat()) {
            freeSeat(row.classId());
        }
        audit.record(AuditService.UPDATE, "ROTATION_ENROLLMENT", row.id(), row.personName(),
                AuditDetail.of("enrollment.status." + newStatus));
    }

    /**
     * Completion (结业) of one person in one class, marked by the organizer: it records the hours the person actually
     * attended (present or late at the class's sessions), never more. Publishes {@link EnrollmentCompleted}.
     */
    @PreAuthorize(MANAGERS)
    @Transactional
    public EnrollmentCompleted markCompleted(long classId, long personId) {
        return complete(classId, personId, null);
    }

    /** Records a completion with the hours attended ({@code null}: read them from the sign-ins now). */
    EnrollmentCompleted complete(long classId, long personId, BigDecimal attendedHours) {
        Caller caller = Callers.require();
        RotationService.ClassHead head = rotation.lockManaged(caller, classId);
        if (head.status() == ClassStatus.DRAFT || head.status() == ClassStatus.PUBLISHED) {
            throw new DomainException("rotation.error.not-started");
        }
        BigDecimal earned = attendedHours != null ? attendedHours : attendance.of(classId, personId).attendedHours();
        // A completion recorded after the class dates to its last day, so the pace of training stays true.
        Instant now = min(clock.instant(), head.data().endDate().atTime(18, 0).atZone(Application.ZONE).toInstant());
        Long id = jdbc.sql("""
                        update rotation_enrollment set status = 'COMPLETED', hours = :h, completed_at = :now, updated_at = :now
                        where class_id = :c and person_id = :p and status in ('INVITED','CONFIRMED','COMPLETED','NOT_COMPLETED')
                        returning id""")
                .param("h", earned).param("now", Timestamp.from(now)).param("c", classId).param("p", personId)
                .query(Long.class).optional().orElseThrow(() -> new DomainException("rotation.error.not-enrolled"));
        audit.record(AuditService.UPDATE, "ROTATION_ENROLLMENT", id, head.data().title(),
                AuditDetail.of("enrollment.completed", earned));
        EnrollmentCompleted event = new EnrollmentCompleted(id, classId, personId, earned, now);
        events.publishEvent(event);
        return event;
    }

    @PreAuthorize(MANAGERS)
    @Transactional
    public void markNotCompleted(long classId, long personId) {
        Caller caller = Callers.require();
        RotationService.ClassHead head = rotation.lockManaged(caller, classId);
        if (head.status() == ClassStatus.DRAFT || head.status() == ClassStatus.PUBLISHED) {
            throw new DomainException("rotation.error.not-started");
        }
        int n = jdbc.sql("""
                        update rotation_enrollment set status = 'NOT_COMPLETED', hours = null, completed_at = null, updated_at = :now
                        where class_id = :c and person_id = :p and status in ('INVITED','CONFIRMED','COMPLETED','NOT_COMPLETED')""")
                .param("now", Timestamp.from(clock.instant())).param("c", classId).param("p", personId).update();
        if (n == 0) {
            throw new DomainException("rotation.error.not-enrolled");
        }
    }

    // ---------------------------------------------------------------- the trainee's classes

    /** The signed-in person's classes (newest first), each with its timetable. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<MyClass> myClasses() {
        Caller caller = Callers.require();
        if (caller.personId() == null) {
            return List.of();
        }
        record Head(long enrollmentId, long classId, String title, String unitName, String venue, LocalDate start,
                    LocalDate end, ClassStatus classStatus, EnrollmentStatus status) {
        }
        List<Head> heads = jdbc.sql("""
                        select e.id, c.id as class_id, c.title, u.name as unit_name, c.venue, c.start_date, c.end_date,
                               c.status as class_status, e.status
                        from rotation_enrollment e join rotation_class c on c.id = e.class_id join unit u on u.id = c.unit_id
                        where e.person_id = :p and c.status <> 'DRAFT' and e.status <> 'WITHDRAWN'
                        order by c.start_date desc""").param("p", caller.personId())
                .query((rs, n) -> new Head(rs.getLong("id"), rs.getLong("class_id"), rs.getString("title"),
                        rs.getString("unit_name"), rs.getString("venue"), rs.getObject("start_date", LocalDate.class),
                        rs.getObject("end_date", LocalDate.class), ClassStatus.valueOf(rs.getString("class_status")),
                        EnrollmentStatus.valueOf(rs.getString("status")))).list();
        if (heads.isEmpty()) {
            return List.of();
        }
        Map<Long, List<SessionRow>> sessions = jdbc.sql("select * from rotation_session where class_id in (:ids) order by starts_at")
                .param("ids", heads.stream().map(Head::classId).toList()).query(RotationService::sessionRow).list()
                .stream().collect(Collectors.groupingBy(SessionRow::classId));
        return heads.stream().map(h -> new MyClass(h.enrollmentId(), h.classId(), h.title(), h.unitName(), h.venue(),
                h.start(), h.end(), h.classStatus(), h.status(), sessions.getOrDefault(h.classId(), List.of()))).toList();
    }

    // ---------------------------------------------------------------- seat quotas and nominations

    /** The class owner gives a unit a number of seats (0 removes the unit's right to nominate more). */
    @PreAuthorize(MANAGERS)
    @Transactional
    public void setQuota(long classId, long unitId, int seats) {
        Caller caller = Callers.require();
        rotation.lockManaged(caller, classId);
        if (seats < 0 || seats > 10000) {
            throw new DomainException("rotation.error.quota");
        }
        rotation.unitPath(unitId);
        int used = jdbc.sql("select count(*) from rotation_nomination where class_id = :c and unit_id = :u and status <> 'RETURNED'")
                .param("c", classId).param("u", unitId).query(Integer.class).single();
        if (seats < used) {
            throw new DomainException("rotation.error.quota-below-used", used);
        }
        jdbc.sql("insert into rotation_quota (class_id, unit_id, seats) values (:c, :u, :s) on conflict (class_id, unit_id) do update set seats = excluded.seats")
                .param("c", classId).param("u", unitId).param("s", seats).update();
    }

    /** Quotas of a class: all for its managers, the caller's units' for a nominating organizer. */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public List<QuotaRow> quotas(long classId) {
        Caller caller = Callers.require();
        String filter = quotaFilter(caller, classId);
        return jdbc.sql("""
                        select q.class_id, q.unit_id, u.name, q.seats,
                               count(n.id) filter (where n.status = 'PENDING') as pending,
                               count(n.id) filter (where n.status = 'APPROVED') as approved
                        from rotation_quota q join unit u on u.id = q.unit_id
                        left join rotation_nomination n on n.class_id = q.class_id and n.unit_id = q.unit_id
                        where q.class_id = :c""" + filter + " group by q.class_id, q.unit_id, u.name, u.path, q.seats order by u.path")
                .param("c", classId).param("scope", caller.scopePath() + "%")
                .query((rs, n) -> new QuotaRow(rs.getLong("class_id"), rs.getLong("unit_id"), rs.getString("name"),
                        rs.getInt("seats"), rs.getInt("pending"), rs.getInt("approved"))).list();
    }

    private String quotaFilter(Caller caller, long classId) {
        RotationService.ClassHead head = rotation.head(classId);
        if (caller.managesUnit(head.unitPath())) {
            return " and :scope is not null";
        }
        if (!rotation.hasQuotaInScope(caller, classId)) {
            throw new AccessDeniedException("class outside scope");
        }
        return " and u.path like :scope";
    }

    /** A unit's organizer nominates a person of their subtree for one of the unit's seats. */
    @PreAuthorize(MANAGERS)
    @Transactional
    public long nominate(long classId, long unitId, long personId) {
        Caller caller = Callers.require();
        String quotaPath = rotation.unitPath(unitId);
        if (!caller.managesUnit(quotaPath) || !caller.has(Roles.ORGANIZER) && !caller.isAdmin()) {
            throw new AccessDeniedException("not an organizer of the quota's unit");
        }
        RotationService.ClassHead head = rotation.head(classId);
        requireOpen(head);
        Integer seats = jdbc.sql("select seats from rotation_quota where class_id = :c and unit_id = :u for update")
                .param("c", classId).param("u", unitId).query(Integer.class).optional()
                .orElseThrow(() -> new DomainException("rotation.error.no-quota"));
        String personPath = jdbc.sql("select u.path from person p join unit u on u.id = p.unit_id where p.id = :p")
                .param("p", personId).query(String.class).optional()
                .orElseThrow(() -> new DomainException("person.error.not-found"));
        if (!personPath.startsWith(quotaPath) || !caller.managesUnit(personPath)) {
            throw new AccessDeniedException("person outside the quota's unit");
        }
        int used = jdbc.sql("select count(*) from rotation_nomination where class_id = :c and unit_id = :u and status <> 'RETURNED'")
                .param("c", classId).param("u", unitId).query(Integer.class).single();
        if (used >= seats) {
            throw new DomainException("rotation.error.quota-used-up", seats);
        }
        try {
            long id = jdbc.sql("""
                            insert into rotation_nomination (class_id, unit_id, person_id, nominated_by, created_at)
                            values (:c, :u, :p, :by, :now) returning id""")
                    .param("c", classId).param("u", unitId).param("p", personId).param("by", caller.username())
                    .param("now", Timestamp.from(clock.instant())).query(Long.class).single();
            audit.record(AuditService.CREATE, "ROTATION_NOMINATION", id, head.data().title(), AuditDetail.of("nomination.created"));
            return id;
        } catch (DuplicateKeyException e) {
            throw new DomainException("rotation.error.already-nominated");
        }
    }

    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public List<NominationRow> nominations(long classId) {
        Caller caller = Callers.require();
        String filter = quotaFilter(caller, classId).replace("u.path", "qu.path");
        return jdbc.sql("""
                        select n.id, n.class_id, n.unit_id, qu.name as unit_name, n.person_id, n.status, n.reason,
                        """ + PersonLabel.COLUMNS + """
                        from rotation_nomination n join unit qu on qu.id = n.unit_id join person p on p.id = n.person_id
                        where n.class_id = :c""" + filter + " order by case n.status when 'PENDING' then 0 else 1 end, n.created_at, n.id")
                .param("c", classId).param("scope", caller.scopePath() + "%")
                .query((rs, n) -> new NominationRow(rs.getLong("id"), rs.getLong("class_id"), rs.getLong("unit_id"),
                        rs.getString("unit_name"), rs.getLong("person_id"), PersonLabel.read(rs),
                        NominationStatus.valueOf(rs.getString("status")), rs.getString("reason"))).list();
    }

    /** The class owner approves: the nominee takes a seat (or the waiting list when the class is full). */
    @PreAuthorize(MANAGERS)
    @Transactional
    public EnrollmentStatus approve(long nominationId) {
        Caller caller = Callers.require();
        record Nom(long classId, long personId, String status) {
        }
        Nom nom = jdbc.sql("select class_id, person_id, status from rotation_nomination where id = :id")
                .param("id", nominationId).query((rs, n) -> new Nom(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                .optional().orElseThrow(() -> new DomainException("rotation.error.nomination-not-found"));
        RotationService.ClassHead head = rotation.lockManaged(caller, nom.classId());
        requireOpen(head);
        if (!"PENDING".equals(nom.status())) {
            throw new DomainException("rotation.error.nomination-decided");
        }
        Outcome o = enrollOne(nom.classId(), nom.personId(), "NOMINATION", true);
        if (o == Outcome.CONFLICT) {
            throw new DomainException("rotation.error.person-busy");
        }
        jdbc.sql("update rotation_nomination set status = 'APPROVED', decided_at = :now where id = :id")
                .param("id", nominationId).param("now", Timestamp.from(clock.instant())).update();
        if (o == Outcome.ENROLLED) {
            invitations.invite(nom.classId(), List.of(nom.personId()));
        }
        return o == Outcome.WAITLISTED ? EnrollmentStatus.WAITLISTED : EnrollmentStatus.INVITED;
    }

    /** The class owner returns a nomination with a reason; the seat goes back to the unit. */
    @PreAuthorize(MANAGERS)
    @Transactional
    public void returnNomination(long nominationId, String reason) {
        Caller caller = Callers.require();
        Long classId = jdbc.sql("select class_id from rotation_nomination where id = :id and status = 'PENDING'")
                .param("id", nominationId).query(Long.class).optional()
                .orElseThrow(() -> new DomainException("rotation.error.nomination-decided"));
        rotation.lockManaged(caller, classId);
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new DomainException("rotation.error.reason-required");
        }
        jdbc.sql("update rotation_nomination set status = 'RETURNED', reason = :r, decided_at = :now where id = :id")
                .param("id", nominationId).param("r", reason.trim()).param("now", Timestamp.from(clock.instant())).update();
    }

    /** People a unit's organizer may nominate: the quota unit's subtree inside the caller's scope. */
    @PreAuthorize(MANAGERS)
    @Transactional(readOnly = true)
    public List<Candidate> nominees(long classId, long unitId, String text, int limit) {
        Caller caller = Callers.require();
        String path = rotation.unitPath(unitId);
        if (!caller.managesUnit(path)) {
            throw new AccessDeniedException("unit outside scope");
        }
        return jdbc.sql("""
                        select p.id, u.name as unit_name, p.representative,
                               (select string_agg(s.name, '、' order by s.sort_order) from person_sector ps
                                  join sector s on s.id = ps.sector_id where ps.person_id = p.id) as sectors,
                        """ + PersonLabel.COLUMNS + """
                        from person p join unit u on u.id = p.unit_id
                        where u.path like :path and p.status = 'ACTIVE' and p.name like :text
                          and not exists (select 1 from rotation_nomination n where n.class_id = :c and n.person_id = p.id and n.status <> 'RETURNED')
                          and not exists (select 1 from rotation_enrollment e where e.class_id = :c and e.person_id = p.id and e.status not in ('DECLINED','WITHDRAWN'))
                        order by u.path, p.name, p.id limit :limit""")
                .param("path", path + "%").param("c", classId).param("limit", limit)
                .param("text", "%" + Population.escapeLike(text == null ? "" : text.trim()) + "%")
                .query((rs, n) -> new Candidate(rs.getLong("id"), PersonLabel.read(rs), rs.getString("unit_name"),
                        rs.getString("sectors"), rs.getBoolean("representative"), false, false)).list();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static Instant at(LocalDate date) {
        return date.atStartOfDay(Application.ZONE).toInstant();
    }
}
