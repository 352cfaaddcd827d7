package cn.tongxin.certificate;

import cn.tongxin.attendance.AttendanceStatus;
import cn.tongxin.attendance.OccasionRef;
import cn.tongxin.attendance.SignInService;
import cn.tongxin.people.Gender;
import cn.tongxin.people.PersonData;
import cn.tongxin.people.PersonService;
import cn.tongxin.people.PersonStatus;
import cn.tongxin.people.ReferenceDataService;
import cn.tongxin.people.UnitService;
import cn.tongxin.rotation.ClassData;
import cn.tongxin.rotation.EnrollmentCompleted;
import cn.tongxin.rotation.EnrollmentService;
import cn.tongxin.rotation.RotationService;
import cn.tongxin.rotation.SessionData;
import cn.tongxin.rotation.SessionKind;
import cn.tongxin.security.PortalUser;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Test data: a started class of the province with new people in it, completions recorded by its organizer. */
@Component
public class Completions {

    private static final AtomicInteger SEQ = new AtomicInteger();
    static final LocalDate DAY = LocalDate.of(2026, 6, 8);

    final PersonService people;
    final UnitService units;
    final ReferenceDataService reference;
    final RotationService rotation;
    final EnrollmentService enrollment;
    final UserDetailsService users;
    final SignInService signIn;

    Completions(PersonService people, UnitService units, ReferenceDataService reference, RotationService rotation,
                EnrollmentService enrollment, UserDetailsService users, SignInService signIn) {
        this.signIn = signIn;
        this.people = people;
        this.units = units;
        this.reference = reference;
        this.rotation = rotation;
        this.enrollment = enrollment;
        this.users = users;
    }

    public void as(String username) {
        var user = (PortalUser) users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    /** A started two-day class (2 × 3 h) of the province with {@code names} enrolled; returns class id and people. */
    public record Started(long classId, String title, List<Long> personIds) {
    }

    public Started startedClass(String... names) {
        long unit = units.visibleUnits().stream().filter(u -> u.name().equals("江川省委统战部")).findFirst().orElseThrow().id();
        int k = SEQ.incrementAndGet();
        String title = "证书测试班" + k + "-" + System.nanoTime() % 100000;
        long cls = rotation.createClass(new ClassData(title, unit, "学院", DAY, DAY.plusDays(1), 20, Set.of(), 90, null, null));
        for (int d = 0; d < 2; d++) {
            rotation.addSession(cls, new SessionData("第" + (d + 1) + "讲", SessionKind.LECTURE, "讲师",
                    DAY.plusDays(d).atTime(9, 0), DAY.plusDays(d).atTime(12, 0), "报告厅", new BigDecimal(3), 30, 10, 60));
        }
        List<Long> ids = new ArrayList<>();
        for (String name : names) {
            ids.add(people.create(new PersonData(name, Gender.M, "汉族", LocalDate.of(1970, 1, 1), null, null,
                    "c" + k + "-" + ids.size() + "@example.cn", unit, null, Set.of(reference.sectors().getFirst().id()),
                    null, false, PersonStatus.ACTIVE)));
        }
        enrollment.enroll(cls, ids, false);
        rotation.advance(cls);
        rotation.advance(cls);
        return new Started(cls, title, ids);
    }

    /**
     * Records the person present at the first {@code sessionsAttended} sessions (3 h each) and absent at the rest, then
     * marks the completion: it carries the hours attended.
     */
    public EnrollmentCompleted complete(long classId, long personId, int sessionsAttended) {
        var sessions = rotation.sessions(classId);
        for (int i = 0; i < sessions.size(); i++) {
            signIn.mark(new OccasionRef("SESSION", sessions.get(i).id()), List.of(personId),
                    i < sessionsAttended ? AttendanceStatus.PRESENT : AttendanceStatus.ABSENT, "签到表补录");
        }
        return enrollment.markCompleted(classId, personId);
    }
}
