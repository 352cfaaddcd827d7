package cn.tongxin.rotation;

import cn.tongxin.audit.AuditDetail;
import cn.tongxin.audit.AuditService;
import cn.tongxin.base.DomainException;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proposes who of a plan's untrained people goes to which of a set of upcoming classes: within the free seats
 * and the unit quotas, never two classes at once for one person, units and sectors spread across the intakes
 * (round-robin over units, then over the classes). The organizer adjusts the proposal and applies it at once.
 */
@Service
public class PlannerService {

    private static final String MANAGERS = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "')";

    private final JdbcClient jdbc;
    private final RotationService rotation;
    private final EnrollmentService enrollment;
    private final Invitations invitations;
    private final AuditService audit;

    PlannerService(JdbcClient jdbc, RotationService rotation, EnrollmentService enrollment, Invitations invitations,
                   AuditService audit) {
        this.jdbc = jdbc;
        this.rotation = rotation;
        this.enrollment = enrollment;
        this.invitations = invitations;
        this.audit = audit;
    }

    record Person(long id, String name, long unitId, String unitName, String path, String sector) {
    }

    record Busy(long personId, LocalDate start, LocalDate end) {
    }

    static final class Slot {
        final long id;
        final String title;
        final LocalDate start;
        final LocalDate end;
        int free;
        /** Seats not reserved by a unit quota: open to anyone of the population. */
        int open;
        /** Quota unit path → seats left; empty means no unit quotas. */
        final Map<String, Integer> quota = new LinkedHashMap<>();

        Slot(long id, String title, LocalDate start, LocalDate end, int free) {
            this.id = id;
            this.title = title;
            this.start = start;
            this.end = end;
            this.free = free;
        }

        String quotaUnit(String personPath) {
            return quota.keySet().stream().filter(personPath::startsWith).findFirst().orElse(null);
        }
    }

    /** The upcoming (not closed, not started) classes of a plan that the caller manages: the planner's choices. */
    @PreAuthorize(MANAGERS)
    @Transactional(readOnly = true)
    public List<ClassRow> upcomingClasses(long planId) {
        Caller caller = Callers.require();
        rotation.plan(planId);
        return jdbc.sql("""
                        select c.id, c.title, c.unit_id, u.name as unit_name, c.venue, c.start_date, c.end_date, c.capacity,
                               c.enrolled, c.status, null as plan_names
                        from rotation_class c join unit u on u.id = c.unit_id
                        join rotation_class_plan cp on cp.class_id = c.id and cp.plan_id = :plan
                        where c.status in ('DRAFT', 'PUBLISHED') and c.start_date > :today and u.path like :scope
                        order by c.start_date, c.id""")
                .param("plan", planId).param("today", rotation.today()).param("scope", caller.scopePath() + "%")
                .query(RotationService::classRow).list();
    }

    @PreAuthorize(MANAGERS)
    @Transactional(readOnly = true)
    public PlannerProposal propose(long planId, Collection<Long> classIds) {
        Caller caller = Callers.require();
        PlanDetail plan = rotation.plan(planId);
        if (classIds.isEmpty()) {
            throw new DomainException("rotation.error.planner-no-classes");
        }
        List<Slot> slots = new ArrayList<>();
        for (long classId : classIds) {
            RotationService.ClassHead head = rotation.head(classId);
            RotationService.requireManages(caller, head.unitPath());
            if (head.status() == ClassStatus.CLOSED || head.status() == ClassStatus.IN_PROGRESS) {
                throw new DomainException("rotation.error.planner-class-started", head.data().title());
            }
            Slot slot = new Slot(classId, head.data().title(), head.data().startDate(), head.data().endDate(),
                    head.data().capacity() - head.enrolled());
            jdbc.sql("""
                            select u.path, q.seats - (select count(*) from rotation_enrollment e join person p on p.id = e.person_id
                                    join unit pu on pu.id = p.unit_id
                                    where e.class_id = q.class_id and pu.path like u.path || '%'
                                      and e.status in ('INVITED','CONFIRMED','COMPLETED','NOT_COMPLETED')) as left_seats
                            from rotation_quota q join unit u on u.id = q.unit_id where q.class_id = :c order by length(u.path) desc""")
                    .param("c", classId).query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2))).list()
                    .forEach(e -> slot.quota.put(e.getKey(), Math.max(0, e.getValue())));
            slot.open = Math.max(0, slot.free - slot.quota.values().stream().mapToInt(Integer::intValue).sum());
            slots.add(slot);
        }

        Population.tune(jdbc);
        Map<String, Object> params = new HashMap<>();
        String ctes = Population.ctes(plan, RotationService.coverageScope(caller, plan), params);
        List<Person> people = jdbc.sql("with " + ctes + """
                         select p.id, p.name, u.id as unit_id, u.name as unit_name, u.path,
                                (select s.name from person_sector ps join sector s on s.id = ps.sector_id
                                  where ps.person_id = p.id order by s.sort_order limit 1) as sector
                         from pop join person p on p.id = pop.person_id join unit u on u.id = pop.unit_id
                         left join trained t on t.person_id = pop.person_id left join enrolled en on en.person_id = pop.person_id
                         where t.person_id is null and en.person_id is null
                           and not exists (select 1 from rotation_enrollment x where x.person_id = p.id and x.class_id in (:classes)
                                           and x.status not in ('DECLINED', 'WITHDRAWN'))
                         order by u.path, sector, p.name, p.id""")
                .params(params).param("classes", classIds)
                .query((rs, n) -> new Person(rs.getLong("id"), rs.getString("name"), rs.getLong("unit_id"),
                        rs.getString("unit_name"), rs.getString("path"), rs.getString("sector"))).list();

        Map<String, Object> bp = new HashMap<>();
        String bctes = Population.ctes(plan, RotationService.coverageScope(caller, plan), bp);
        Map<Long, List<Busy>> busy = new HashMap<>();
        jdbc.sql("with " + bctes + """
                         select e.person_id, c.start_date, c.end_date from rotation_enrollment e
                         join pop on pop.person_id = e.person_id join rotation_class c on c.id = e.class_id
                         where e.status in ('INVITED', 'CONFIRMED', 'WAITLISTED') and c.end_date >= :today""")
                .params(bp).param("today", rotation.today())
                .query((rs, n) -> new Busy(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class)))
                .list().forEach(b -> busy.computeIfAbsent(b.personId(), k -> new ArrayList<>()).add(b));

        // Interleave units (and, inside a unit, sectors come in order) so that each intake mixes them.
        Map<Long, Deque<Person>> byUnit = new LinkedHashMap<>();
        people.forEach(p -> byUnit.computeIfAbsent(p.unitId(), k -> new ArrayDeque<>()).add(p));
        List<Person> order = new ArrayList<>();
        while (!byUnit.isEmpty()) {
            var it = byUnit.values().iterator();
            while (it.hasNext()) {
                Deque<Person> d = it.next();
                order.add(d.poll());
                if (d.isEmpty()) {
                    it.remove();
                }
            }
        }

        List<Placement> placements = new ArrayList<>();
        int noSeat = 0, noQuota = 0, conflict = 0;
        // Each unit walks the classes from its own starting point, so its people (ordered by sector) spread over them.
        Map<Long, Integer> nextSlot = new HashMap<>();
        for (Person p : order) {
            int next = nextSlot.computeIfAbsent(p.unitId(), u -> nextSlot.size() % slots.size());
            boolean placed = false;
            boolean sawSeat = false, sawQuota = false;
            for (int k = 0; k < slots.size() && !placed; k++) {
                Slot s = slots.get((next + k) % slots.size());
                if (s.free <= 0) {
                    continue;
                }
                sawSeat = true;
                String q = s.quota.isEmpty() ? null : s.quotaUnit(p.path());
                if (q != null && s.quota.get(q) <= 0) {
                    q = null;
                }
                if (q == null && s.open <= 0) {
                    continue;
                }
                sawQuota = true;
                if (busy.getOrDefault(p.id(), List.of()).stream().anyMatch(b -> !b.start().isAfter(s.end) && !s.start.isAfter(b.end()))) {
                    continue;
                }
                s.free--;
                if (q != null) {
                    s.quota.merge(q, -1, Integer::sum);
                } else {
                    s.open--;
                }
                busy.computeIfAbsent(p.id(), x -> new ArrayList<>()).add(new Busy(p.id(), s.start, s.end));
                placements.add(new Placement(p.id(), p.name(), p.unitName(), p.sector(), s.id, s.title));
                nextSlot.put(p.unitId(), (next + k + 1) % slots.size());
                placed = true;
            }
            if (!placed) {
                if (!sawSeat) {
                    noSeat++;
                } else if (!sawQuota) {
                    noQuota++;
                } else {
                    conflict++;
                }
            }
        }
        int unplaced = order.size() - placements.size();
        List<Shortfall> reasons = new ArrayList<>();
        if (noSeat > 0) {
            int avg = (int) Math.max(1, Math.round(slots.stream().mapToInt(s -> rotation.head(s.id).data().capacity()).average().orElse(50)));
            reasons.add(new Shortfall("rotation.planner.reason.capacity", List.of(noSeat, (noSeat + avg - 1) / avg, avg)));
        }
        if (noQuota > 0) {
            reasons.add(new Shortfall("rotation.planner.reason.quota", List.of(noQuota)));
        }
        if (conflict > 0) {
            reasons.add(new Shortfall("rotation.planner.reason.conflict", List.of(conflict)));
        }
        return new PlannerProposal(planId, List.copyOf(classIds), order.size(), placements, unplaced, reasons);
    }

    /** Applies an (adjusted) proposal in one transaction: each placement enrolls with the usual seat and conflict checks. */
    @PreAuthorize(MANAGERS)
    @Transactional
    public FillResult apply(List<Placement> placements) {
        Caller caller = Callers.require();
        Map<Long, List<Long>> byClass = new LinkedHashMap<>();
        placements.forEach(p -> byClass.computeIfAbsent(p.classId(), k -> new ArrayList<>()).add(p.personId()));
        int enrolled = 0, already = 0, conflicting = 0, full = 0;
        for (var e : byClass.entrySet()) {
            RotationService.ClassHead head = rotation.lockManaged(caller, e.getKey());
            if (head.status() == ClassStatus.CLOSED) {
                throw new DomainException("rotation.error.class-closed");
            }
            FillResult r = enrollment.enrollAll(e.getKey(), head, e.getValue(), "PLANNER", false);
            enrolled += r.enrolled();
            already += r.alreadyIn();
            conflicting += r.conflicting();
            full += r.full();
        }
        audit.record(AuditService.UPDATE, RotationService.PLAN, null, "planner", AuditDetail.of("planner.applied", enrolled));
        return new FillResult(enrolled, 0, already, conflicting, full);
    }
}
