package cn.tongxin.rotation;

import cn.tongxin.Application;
import cn.tongxin.IntegrationTest;
import cn.tongxin.MutableClock;
import cn.tongxin.TestUsers;
import cn.tongxin.attendance.AttendanceStatus;
import cn.tongxin.attendance.LeaveRow;
import cn.tongxin.attendance.LeaveService;
import cn.tongxin.attendance.OccasionRef;
import cn.tongxin.attendance.SignInService;
import cn.tongxin.base.DomainException;
import org.junit.jupiter.api.AfterEach;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Closing a class decides completion from the session sign-ins, by the class's rule; hand marks record what was attended. */
@IntegrationTest
@WithUserDetails("organizer")
class CompletionAtCloseTest {

    private static final LocalDate DAY = LocalDate.of(2026, 9, 7);

    @Autowired Fixtures fixtures;
    @Autowired RotationService rotation;
    @Autowired EnrollmentService enrollment;
    @Autowired SignInService signIn;
    @Autowired LeaveService leave;
    @Autowired TestUsers users;
    @Autowired MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

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

    private LeaveRow pending(long personId, OccasionRef session) {
        return leave.pending(0, 500).stream().filter(r -> r.personId() == personId && r.occasion().ref().equals(session))
                .findFirst().orElseThrow();
    }

    @Test
    void an_approved_leave_within_the_limit_is_excused_and_leave_beyond_it_counts_as_an_absence() {
        long trainee = users.signIn("trainee");
        long lecturer = users.signIn("lecturer");
        users.signIn("organizer");
        // 8 sessions of 3 h = 24 h, 90 %, the default leave share 1/7: the limit is 24 h × 0.1429 = 3.4 h.
        LocalDate start = LocalDate.of(2031, 5, 5);
        long cls = fixtures.classWithSessions("请假限额班", "江川省委统战部", start, 8, 20, Set.of());
        List<Long> others = fixtures.people(2, "江川省委统战部", 0);
        long absent = others.get(0), everyTime = others.get(1);
        assertThat(enrollment.enroll(cls, List.of(trainee, lecturer, absent, everyTime), false).enrolled()).isEqualTo(4);
        List<OccasionRef> s = sessions(cls);

        // The day before: the trainee asks one session off, the lecturer two.
        clock.set(start.minusDays(1).atTime(10, 0).atZone(Application.ZONE).toInstant());
        users.signIn("trainee");
        leave.request(List.of(s.get(3)), "单位述职会议");
        users.signIn("lecturer");
        leave.request(List.of(s.get(3), s.get(5)), "授课冲突");

        users.signIn("organizer");
        fixtures.start(cls);
        LeaveRow traineeLeave = pending(trainee, s.get(3));
        assertThat(traineeLeave.budget().limitHours()).isEqualByComparingTo("3.4");
        assertThat(traineeLeave.budget().excused()).as("3 h within 3.4 h").isTrue();
        leave.approve(traineeLeave.id());
        leave.approve(pending(lecturer, s.get(3)).id());
        LeaveRow secondLeave = pending(lecturer, s.get(5));
        assertThat(secondLeave.budget().takenBefore()).isEqualByComparingTo("3");
        assertThat(secondLeave.budget().excused()).as("3 h + 3 h passes 3.4 h: the list warns").isFalse();
        leave.approve(secondLeave.id());

        // After the class: the register.
        clock.set(start.plusDays(8).atTime(10, 0).atZone(Application.ZONE).toInstant());
        for (int i = 0; i < 8; i++) {
            if (i != 3) {
                mark(s.get(i), trainee, AttendanceStatus.PRESENT);
            }
            if (i != 3 && i != 5) {
                mark(s.get(i), lecturer, AttendanceStatus.PRESENT);
            }
            mark(s.get(i), absent, i == 3 ? AttendanceStatus.ABSENT : AttendanceStatus.PRESENT);
            mark(s.get(i), everyTime, AttendanceStatus.PRESENT);
        }
        users.signIn("trainee");
        assertThat(leave.myRequests()).filteredOn(r -> r.id() == traineeLeave.id())
                .allSatisfy(r -> assertThat(r.budget().excused()).as("the trainee's list says the same").isTrue());
        users.signIn("lecturer");
        assertThat(leave.myRequests()).filteredOn(r -> r.occasion().ref().equals(s.get(5)))
                .allSatisfy(r -> assertThat(r.budget().excused()).isFalse());

        users.signIn("organizer");
        var preview = rotation.previewAdvance(cls);
        assertThat(preview.next()).isEqualTo(ClassStatus.CLOSED);
        assertThat(preview.people()).isEqualTo(4);
        assertThat(preview.completing()).isEqualTo(2);
        rotation.advance(cls);

        Map<Long, EnrollmentRow> r = roster(cls);
        // 7 attended of the 7 sessions that count (one excused): 100 %, 21 h.
        assertThat(r.get(trainee).status()).isEqualTo(EnrollmentStatus.COMPLETED);
        assertThat(r.get(trainee).hours()).isEqualByComparingTo("21");
        // First leave excused, the second beyond the limit is an absence: 6 of 7 = 85.7 % < 90 %.
        assertThat(r.get(lecturer).status()).isEqualTo(EnrollmentStatus.NOT_COMPLETED);
        // An absence without leave: 7 of 8 = 87.5 % < 90 %.
        assertThat(r.get(absent).status()).isEqualTo(EnrollmentStatus.NOT_COMPLETED);
        assertThat(r.get(everyTime).status()).isEqualTo(EnrollmentStatus.COMPLETED);
        assertThat(r.get(everyTime).hours()).isEqualByComparingTo("24");
    }

    @Test
    void leave_beyond_the_limit_counts_as_an_absence_not_as_a_failure_of_its_own() {
        // Rule: 75 % of the sessions, leave at most 20 % of 12 h = 2.4 h, no minimum hours.
        long cls = classOfFourSessions("结业判定班", 75, "0.2", "0");
        List<Long> p = fixtures.people(4, "江川省委统战部", 0);
        long a = p.get(0), b = p.get(1), c = p.get(2), d = p.get(3);
        enrollment.enroll(cls, p, false);
        fixtures.start(cls);
        List<OccasionRef> s = sessions(cls);
        // A: present, present, late, absent → 3/4 = 75 %, 9 h → completed with 9 h.
        mark(s.get(0), a, AttendanceStatus.PRESENT);
        mark(s.get(1), a, AttendanceStatus.PRESENT);
        mark(s.get(2), a, AttendanceStatus.LATE);
        mark(s.get(3), a, AttendanceStatus.ABSENT);
        // B: 2 present + 1 leave (3 h > 2.4 h: an absence) + 1 no record → 2/4 = 50 % → not completed.
        mark(s.get(0), b, AttendanceStatus.PRESENT);
        mark(s.get(1), b, AttendanceStatus.PRESENT);
        mark(s.get(2), b, AttendanceStatus.LEAVE);
        // C: 3 present + 1 leave beyond the limit → 3/4 = 75 %: completed, the leave counted like an absence.
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
        assertThat(r.get(c).status()).isEqualTo(EnrollmentStatus.COMPLETED);
        assertThat(r.get(c).hours()).isEqualByComparingTo("9");
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
        s.subList(0, 2).forEach(x -> mark(x, handCompleted, AttendanceStatus.PRESENT));
        // The organizer decided these two by hand before the close: too few / full sign-ins do not override.
        enrollment.markCompleted(cls, handCompleted);
        enrollment.markNotCompleted(cls, handFailed);

        rotation.advance(cls);

        Map<Long, EnrollmentRow> r = roster(cls);
        assertThat(r.get(short_).status()).isEqualTo(EnrollmentStatus.NOT_COMPLETED);
        assertThat(r.get(full).status()).isEqualTo(EnrollmentStatus.COMPLETED);
        assertThat(r.get(full).hours()).isEqualByComparingTo("12");
        assertThat(r.get(handCompleted).status()).isEqualTo(EnrollmentStatus.COMPLETED);
        assertThat(r.get(handCompleted).hours()).as("the two sessions attended").isEqualByComparingTo("6");
        assertThat(r.get(handFailed).status()).isEqualTo(EnrollmentStatus.NOT_COMPLETED);
    }

    @Test
    void a_completion_marked_by_hand_records_the_hours_attended_not_the_class_hours() {
        // 4 h + 3 h + 3 h + 1 h = 11 h; the trainee missed the last hour.
        LocalDate day = LocalDate.of(2026, 10, 12);
        long cls = rotation.createClass(new ClassData("十一学时班 " + System.nanoTime(), fixtures.unit("江川省委统战部").id(),
                "学院", day, day.plusDays(3), 10, Set.of(), 90, null, null));
        int[][] hours = {{9, 13}, {9, 12}, {14, 17}, {9, 10}};
        for (int i = 0; i < hours.length; i++) {
            rotation.addSession(cls, Fixtures.session("第" + (i + 1) + "讲", day.plusDays(i), hours[i][0], hours[i][1]));
        }
        long person = fixtures.people(1, "江川省委统战部", 0).getFirst();
        enrollment.enroll(cls, List.of(person), false);
        fixtures.start(cls);
        List<OccasionRef> s = sessions(cls);
        s.subList(0, 3).forEach(x -> mark(x, person, AttendanceStatus.PRESENT));
        mark(s.get(3), person, AttendanceStatus.ABSENT);

        EnrollmentCompleted done = enrollment.markCompleted(cls, person);

        assertThat(done.hours()).as("what the certificate will say").isEqualByComparingTo("10");
        assertThat(roster(cls).get(person).hours()).isEqualByComparingTo("10");
    }

    @Test
    void no_one_is_marked_present_at_a_session_whose_sign_in_has_not_opened() {
        LocalDate day = LocalDate.of(2032, 4, 6);
        long cls = fixtures.classWithSessions("未开课签到班", "江川省委统战部", day, 1, 10, Set.of());
        long person = fixtures.people(1, "江川省委统战部", 0).getFirst();
        enrollment.enroll(cls, List.of(person), false);
        OccasionRef session = sessions(cls).getFirst();
        // The session starts at 9:00 and its sign-in opens 30 minutes before.
        clock.set(day.atTime(8, 0).atZone(Application.ZONE).toInstant());
        assertThatThrownBy(() -> mark(session, person, AttendanceStatus.PRESENT))
                .isInstanceOf(DomainException.class).hasMessage("attendance.error.not-begun");
        assertThatThrownBy(() -> mark(session, person, AttendanceStatus.LATE)).isInstanceOf(DomainException.class);
        mark(session, person, AttendanceStatus.LEAVE);

        clock.set(day.atTime(8, 45).atZone(Application.ZONE).toInstant());
        mark(session, person, AttendanceStatus.PRESENT);
    }
}
