package cn.tongxin.rotation;

import cn.tongxin.attendance.AttendanceStatus;
import cn.tongxin.attendance.SignInService;
import cn.tongxin.people.Gender;
import cn.tongxin.people.PersonData;
import cn.tongxin.people.PersonService;
import cn.tongxin.people.PersonStatus;
import cn.tongxin.people.ReferenceDataService;
import cn.tongxin.people.UnitRef;
import cn.tongxin.people.UnitService;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Test data made through the public services, with unique names so tests never see each other's rows. */
@Component
public class Fixtures {

    private static final AtomicInteger SEQ = new AtomicInteger();
    final PersonService people;
    final UnitService units;
    final ReferenceDataService reference;
    final RotationService rotation;
    final EnrollmentService enrollment;
    final SignInService signIn;

    Fixtures(PersonService people, UnitService units, ReferenceDataService reference, RotationService rotation,
             EnrollmentService enrollment, SignInService signIn) {
        this.signIn = signIn;
        this.people = people;
        this.units = units;
        this.reference = reference;
        this.rotation = rotation;
        this.enrollment = enrollment;
    }

    public UnitRef unit(String name) {
        return units.visibleUnits().stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow();
    }

    public long sector(int index) {
        return reference.sectors().get(index).id();
    }

    /** New people in a unit (the caller must manage it), in sector {@code sectorIndex}. */
    public List<Long> people(int n, String unitName, int sectorIndex) {
        long unitId = unit(unitName).id();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = SEQ.incrementAndGet();
            ids.add(people.create(new PersonData("测" + k + "号", i % 2 == 0 ? Gender.M : Gender.F, "汉族",
                    LocalDate.of(1970, 1, 1), null, null, "t" + k + "@example.cn", unitId, null,
                    Set.of(sector(sectorIndex)), null, false, PersonStatus.ACTIVE)));
        }
        return ids;
    }

    public long namedPlan(String name, Requirement req, int minDays, String minHours, List<Long> personIds) {
        return rotation.createPlan(new PlanData(name + " " + SEQ.incrementAndGet(), unit("江川省委统战部").id(),
                LocalDate.of(2023, 1, 1), LocalDate.of(2027, 12, 31), req, minDays, new BigDecimal(minHours),
                Set.of(), Set.of(), Set.of(), false, Set.copyOf(personIds)));
    }

    /** A class of {@code days} days with one 3-hour session a day. */
    public long classWithSessions(String title, String unitName, LocalDate start, int days, int capacity, Set<Long> planIds) {
        long id = rotation.createClass(new ClassData(title + " " + SEQ.incrementAndGet(), unit(unitName).id(), "学院",
                start, start.plusDays(days - 1), capacity, planIds, 90, null, null));
        for (int d = 0; d < days; d++) {
            rotation.addSession(id, session("第" + (d + 1) + "讲", start.plusDays(d), 9, 12));
        }
        return id;
    }

    public static SessionData session(String title, LocalDate day, int fromHour, int toHour) {
        return new SessionData(title, SessionKind.LECTURE, "讲师", day.atTime(fromHour, 0), day.atTime(toHour, 0), "报告厅",
                new BigDecimal(toHour - fromHour), 30, 10, 60);
    }

    /** Marks the person present at every session of the class (which must have begun). */
    public void attendAll(long classId, long personId) {
        rotation.sessions(classId).forEach(s -> signIn.mark(SessionOccasions.ref(s.id()), List.of(personId),
                AttendanceStatus.PRESENT, "签到表补录"));
    }

    /** Publishes and starts the class, so completions may be recorded. */
    public void start(long classId) {
        rotation.advance(classId);
        rotation.advance(classId);
    }
}
