package cn.tongxin.rotation;

import cn.tongxin.IntegrationTest;
import cn.tongxin.attendance.AttendanceStatus;
import cn.tongxin.attendance.OccasionRef;
import cn.tongxin.attendance.SignInService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Closing a class decides completion from the session sign-ins, by the class's rule. */
@IntegrationTest
@WithUserDetails("organizer")
class CompletionAtCloseTest {

    private static final LocalDate DAY = LocalDate.of(2026, 9, 7);

    @Autowired Fixtures fixtures;
    @Autowired RotationService rotation;
    @Autowired EnrollmentService enrollment;
    @Autowired SignInService signIn;

    /** Four sessions of 3 h (12 h), the given rule; returns the class id. */
    private long classOfFourSessions(String title, int minPct, String leaveShare, String minHours) {
        long id = rotation.createClass(new ClassData(title + " " + System.nanoTime(), fixtures.unit("江川省委统战部").id(),
                "学院", DAY, DAY.plusDays(3), 30, Set.of(), minPct, new BigDecimal(leaveShare), new BigDecimal(minHours)));
        for (int d = 0; d < 4; d++) {
            rotation.addSession(id, Fixtures.session("第" + (d + 1) + "讲", DAY.plusDays(d), 9, 12));
        }
        return id;
    }

    private List<OccasionRef> sessions(long classId) {
        return rotation.sessions(classId).stream().map(s -> new OccasionRef("SESSION", s.id())).toList();
    }

    private void mark(OccasionRef session, long person, AttendanceStatus status) {
        signIn.mark(session, List.of(person), status, "测试补记");
    }

    private Map<Long, EnrollmentRow> roster(long classId) {
        return enrollment.roster(classId, null, 0, 100).items().stream()
                .collect(Collectors.toMap(EnrollmentRow::personId, r -> r));
    }

    @Test
    void closing_decides_completion_by_attended_share_and_leave_limit() {
        // Rule: 75 % of the sessions, leave at most 20 % of 12 h = 2.4 h, no minimum hours.
        long cls = classOfFourSessions("结业判定班", 75, "0.2", "0");
        List<Long> p = fixtures.people(4, "江川省委统战部", 0);
        long a = p.get(0), b = p.get(1), c = p.get(2), d = p.get(3);
        enrollment.enroll(cls, p, false);
        fixtures.start(cls);
        List<OccasionRef> s = sessions(cls);
        // A: present, present, late, absent → 3/4 = 75 %, 9 h, no leave → completed with 9 h.
        mark(s.get(0), a, AttendanceStatus.PRESENT);
        mark(s.get(1), a, AttendanceStatus.PRESENT);
        mark(s.get(2), a, AttendanceStatus.LATE);
        mark(s.get(3), a, AttendanceStatus.ABSENT);
        // B: 2 present + 1 leave + 1 no record → 50 % → not completed.
        mark(s.get(0), b, AttendanceStatus.PRESENT);
        mark(s.get(1), b, AttendanceStatus.PRESENT);
        mark(s.get(2), b, AttendanceStatus.LEAVE);
        // C: 3 present + 1 leave → 75 %, 9 h, but 3 h leave > 2.4 h → not completed.
        mark(s.get(0), c, AttendanceStatus.PRESENT);
        mark(s.get(1), c, AttendanceStatus.PRESENT);
        mark(s.get(2), c, AttendanceStatus.PRESENT);
        mark(s.get(3), c, AttendanceStatus.LEAVE);
        // D: all four present → completed with 12 h.
        s.forEach(x -> mark(x, d, AttendanceStatus.PRESENT));

        assertThat(rotation.advance(cls)).isEqualTo(ClassStatus.CLOSED);

        Map<Long, EnrollmentRow> r = roster(cls);
        assertThat(r.get(a).status()).isEqualTo(EnrollmentStatus.COMPLETED);
        assertThat(r.get(a).hours()).isEqualByComparingTo("9");
        assertThat(r.get(b).status()).isEqualTo(EnrollmentStatus.NOT_COMPLETED);
        assertThat(r.get(c).status()).isEqualTo(EnrollmentStatus.NOT_COMPLETED);
        assertThat(r.get(d).status()).isEqualTo(EnrollmentStatus.COMPLETED);
        assertThat(r.get(d).hours()).isEqualByComparingTo("12");
    }

    @Test
    void closing_requires_the_minimum_hours_and_keeps_the_organizers_hand_marks() {
        // Rule: 75 %, leave up to 50 %, at least 12 h.
        long cls = classOfFourSessions("学时判定班", 75, "0.5", "12");
        List<Long> p = fixtures.people(4, "江川省委统战部", 1);
        long short_ = p.get(0), full = p.get(1), handCompleted = p.get(2), handFailed = p.get(3);
        enrollment.enroll(cls, p, false);
        fixtures.start(cls);
        List<OccasionRef> s = sessions(cls);
        // 3 of 4 sessions: share met, but 9 h < 12 h → not completed.
        s.subList(0, 3).forEach(x -> mark(x, short_, AttendanceStatus.PRESENT));
        s.forEach(x -> mark(x, full, AttendanceStatus.LATE));
        s.forEach(x -> mark(x, handFailed, AttendanceStatus.PRESENT));
        // The organizer decided these two by hand before the close: no sign-ins / full sign-ins do not override.
        enrollment.markCompleted(cls, handCompleted, new BigDecimal("6"));
        enrollment.markNotCompleted(cls, handFailed);

        rotation.advance(cls);

        Map<Long, EnrollmentRow> r = roster(cls);
        assertThat(r.get(short_).status()).isEqualTo(EnrollmentStatus.NOT_COMPLETED);
        assertThat(r.get(full).status()).isEqualTo(EnrollmentStatus.COMPLETED);
        assertThat(r.get(full).hours()).isEqualByComparingTo("12");
        assertThat(r.get(handCompleted).status()).isEqualTo(EnrollmentStatus.COMPLETED);
        assertThat(r.get(handCompleted).hours()).isEqualByComparingTo("6");
        assertThat(r.get(handFailed).status()).isEqualTo(EnrollmentStatus.NOT_COMPLETED);
    }
}
