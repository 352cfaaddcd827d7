package cn.tongxin.rotation;

import cn.tongxin.Application;
import cn.tongxin.IntegrationTest;
import cn.tongxin.TestUsers;
import cn.tongxin.MutableClock;
import cn.tongxin.attendance.AttendanceStatus;
import cn.tongxin.attendance.ClientInfo;
import cn.tongxin.attendance.OccasionRef;
import cn.tongxin.attendance.SignInOutcome;
import cn.tongxin.attendance.SignInResult;
import cn.tongxin.attendance.SignInService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A class session is a sign-in occasion: its window, its roster and its owner's scope hold at the door. */
@IntegrationTest
class SessionSignInTest {

    private static final LocalDate DAY = LocalDate.of(2026, 10, 12);

    @Autowired Fixtures fixtures;
    @Autowired RotationService rotation;
    @Autowired EnrollmentService enrollment;
    @Autowired SignInService signIn;
    @Autowired MutableClock clock;
    @Autowired TestUsers users;
    @Autowired SessionOccasions sessionOccasions;
    @Autowired cn.tongxin.attendance.LeaveService leave;

    @AfterEach
    void reset() {
        clock.reset();
        SecurityContextHolder.clearContext();
    }


    @Test
    void an_enrolled_trainee_signs_in_to_a_session_and_a_stranger_is_refused() {
        long traineePerson = users.signIn("trainee");
        users.signIn("organizer");
        long cls = fixtures.classWithSessions("签到联调班", "江川省委统战部", DAY, 1, 20, Set.of());
        enrollment.enroll(cls, List.of(traineePerson), false);
        fixtures.start(cls);
        long sessionId = rotation.sessions(cls).getFirst().id();
        OccasionRef ref = new OccasionRef("SESSION", sessionId);

        // 09:05 in Shanghai: the 9:00 session's window is open (late after 10 minutes).
        clock.set(DAY.atTime(9, 5).atZone(Application.ZONE).toInstant());
        String token = signIn.doorCode(ref).token();
        assertThat(signIn.doorCode(ref).occasion().context()).startsWith("签到联调班");

        users.signIn("trainee");
        SignInResult result = signIn.signInWithToken(token, new ClientInfo("phone-s1", "10.1.1.1", "test"));
        assertThat(result.outcome()).isEqualTo(SignInOutcome.SIGNED_IN);
        assertThat(result.status()).isEqualTo(AttendanceStatus.PRESENT);

        users.signIn("lecturer"); // not enrolled in this class
        assertThat(signIn.signInWithToken(token, new ClientInfo("phone-s2", "10.1.1.2", "test")).outcome())
                .isEqualTo(SignInOutcome.NOT_EXPECTED);

        // The city organizer of 青州 does not run the province's door.
        users.signIn("qingzhou");
        assertThatThrownBy(() -> signIn.doorCode(ref)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void the_organizers_day_list_shows_the_sessions_of_that_day() {
        users.signIn("organizer");
        long cls = fixtures.classWithSessions("日程班", "江川省委统战部", DAY.plusDays(3), 2, 10, Set.of());
        assertThat(signIn.occasionsOn(DAY.plusDays(3))).extracting(o -> o.ref().id())
                .contains(rotation.sessions(cls).getFirst().id());
        assertThat(signIn.occasionsOn(DAY.plusDays(3))).extracting(o -> o.ref().id())
                .doesNotContain(rotation.sessions(cls).get(1).id());
    }

    @Test
    void closing_a_class_ends_sign_in_to_its_sessions_and_takes_it_off_the_trainees_home_page() {
        long traineePerson = users.signIn("trainee");
        long lecturerPerson = users.signIn("lecturer");
        users.signIn("organizer");
        LocalDate day = DAY.plusDays(20);
        long cls = fixtures.classWithSessions("结班即止班", "江川省委统战部", day, 2, 20, Set.of());
        enrollment.enroll(cls, List.of(traineePerson, lecturerPerson), false);
        fixtures.start(cls);
        List<SessionRow> sessions = rotation.sessions(cls);
        OccasionRef first = new OccasionRef("SESSION", sessions.get(0).id());
        OccasionRef second = new OccasionRef("SESSION", sessions.get(1).id());
        clock.set(day.atTime(8, 57).atZone(Application.ZONE).toInstant());
        String token = signIn.doorCode(first).token();
        clock.set(day.atTime(9, 19, 50).atZone(Application.ZONE).toInstant());
        String typedCode = signIn.doorCode(first).code();
        clock.set(day.atTime(8, 57).atZone(Application.ZONE).toInstant());

        users.signIn("trainee");
        assertThat(signIn.signInWithToken(token, new ClientInfo("phone-c1", "10.1.1.1", "test")).outcome())
                .isEqualTo(SignInOutcome.SIGNED_IN);
        var item = signIn.myAgenda(10).stream().filter(a -> a.occasion().ref().equals(first)).findFirst().orElseThrow();
        assertThat(item.signedInAt()).as("the home page says 已签到 08:57").isEqualTo(clock.instant());
        assertThat(leave.leaveable()).extracting(o -> o.ref()).contains(second).doesNotContain(first);

        users.signIn("organizer");
        clock.set(day.atTime(9, 20).atZone(Application.ZONE).toInstant());
        assertThat(rotation.advance(cls)).isEqualTo(ClassStatus.CLOSED);
        var door = signIn.doorCode(first);
        assertThat(door.state()).isEqualTo(cn.tongxin.attendance.WindowState.CLOSED);
        assertThat(door.token()).as("no live code on the door screen").isNull();
        assertThat(door.code()).isNull();

        users.signIn("lecturer");
        assertThat(signIn.signInWithToken(token, new ClientInfo("phone-c2", "10.1.1.2", "test")).outcome())
                .isEqualTo(SignInOutcome.CLOSED);
        assertThat(signIn.signInWithCode(typedCode, new ClientInfo("phone-c2", "10.1.1.2", "test")).outcome())
                .as("the code typed from the door says the sign-in has ended").isEqualTo(SignInOutcome.CLOSED);
        users.signIn("trainee");
        assertThat(signIn.myAgenda(10)).extracting(a -> a.occasion().ref()).doesNotContain(first, second);
        assertThat(leave.leaveable()).extracting(o -> o.ref()).doesNotContain(second);

        // The second day never took place: the closing job does not mark anybody absent from it.
        clock.set(day.plusDays(2).atStartOfDay(Application.ZONE).toInstant());
        assertThat(sessionOccasions.closedBetween(day.plusDays(1).atStartOfDay(Application.ZONE).toInstant(), clock.instant()))
                .extracting(o -> o.ref()).doesNotContain(second);
    }
}
