package cn.tongxin.rotation;

import cn.tongxin.Application;
import cn.tongxin.IntegrationTest;
import cn.tongxin.TestUsers;
import cn.tongxin.MutableClock;
import cn.tongxin.attendance.LeaveRow;
import cn.tongxin.attendance.LeaveService;
import cn.tongxin.attendance.OccasionRef;
import cn.tongxin.base.DomainException;
import cn.tongxin.people.AccountService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Leave from class sessions: asked by the trainee, decided by the class's organizer, counted against the class limit. */
@IntegrationTest
class LeaveTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 2);

    @Autowired Fixtures fixtures;
    @Autowired RotationService rotation;
    @Autowired EnrollmentService enrollment;
    @Autowired LeaveService leave;
    @Autowired MutableClock clock;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired AccountService accounts;

    @AfterEach
    void reset() {
        clock.reset();
        SecurityContextHolder.clearContext();
    }


    @Test
    void a_trainee_asks_leave_and_the_organizer_approves_it_with_a_warning_before_the_limit_is_passed() {
        long trainee = users.signIn("trainee");
        users.signIn("organizer");
        // 4 sessions of 3 h: the default limit is 1/7 of 12 h = 1.7 h, so one 3 h session already passes it.
        long cls = fixtures.classWithSessions("请假测试班", "江川省委统战部", DAY, 4, 20, Set.of());
        enrollment.enroll(cls, List.of(trainee), false);
        long first = rotation.sessions(cls).getFirst().id();
        clock.set(DAY.minusDays(1).atTime(10, 0).atZone(Application.ZONE).toInstant());

        users.signIn("trainee");
        assertThat(leave.leaveable()).extracting(o -> o.ref().id()).contains(first);
        assertThatThrownBy(() -> leave.request(List.of(new OccasionRef("SESSION", first)), " "))
                .isInstanceOf(DomainException.class);
        assertThat(leave.request(List.of(new OccasionRef("SESSION", first)), "单位年终述职会议")).isEqualTo(1);
        assertThatThrownBy(() -> leave.request(List.of(new OccasionRef("SESSION", first)), "再次申请"))
                .isInstanceOf(DomainException.class).hasMessage("leave.error.duplicate");

        users.signIn("qingzhou");
        assertThat(leave.pending(0, 500)).extracting(r -> r.occasion().ref().id()).doesNotContain(first);

        users.signIn("trainee");
        assertThat(leave.pendingCount()).as("a trainee decides no leave").isZero();
        users.signIn("organizer");
        LeaveRow row = leave.pending(0, 500).stream().filter(r -> r.occasion().ref().id() == first).findFirst().orElseThrow();
        assertThat(leave.pendingCount()).as("what the organizer's home page shows").isPositive();
        assertThat(row.budget().limitHours()).isEqualByComparingTo(new BigDecimal("1.7"));
        assertThat(row.budget().occasionHours()).isEqualByComparingTo(new BigDecimal("3"));
        assertThat(row.budget().excused()).as("3 h passes the 1.7 h limit").isFalse();

        users.signIn("qingzhou");
        assertThatThrownBy(() -> leave.approve(row.id())).isInstanceOf(AccessDeniedException.class);

        users.signIn("organizer");
        leave.approve(row.id());
        assertThatThrownBy(() -> leave.refuse(row.id(), "重复处理")).hasMessage("leave.error.decided");
        String status = jdbc.sql("select status || '/' || method from sign_in where occasion_kind = 'SESSION' and occasion_id = :id and person_id = :p")
                .param("id", first).param("p", trainee).query(String.class).single();
        assertThat(status).isEqualTo("LEAVE/LEAVE");
        long mails = jdbc.sql("select count(*) from mail_outbox where dedup_key = :k").param("k", "leave:" + row.id())
                .query(Long.class).single();
        assertThat(mails).isEqualTo(1);
        String body = jdbc.sql("select body from mail_outbox where dedup_key = :k").param("k", "leave:" + row.id())
                .query(String.class).single();
        assertThat(body).as("the mail says what the leave means").contains("超出了本班的请假限额，将计为缺勤");

        users.signIn("trainee");
        assertThat(leave.myRequests()).filteredOn(r -> r.id() == row.id()).extracting(r -> r.status().name())
                .containsExactly("APPROVED");
    }

    @Test
    void a_city_organizer_sees_their_pending_leave_however_many_more_wait_elsewhere_in_the_province() {
        users.signIn("organizer");
        long provinceClass = fixtures.classWithSessions("全省请假压力班", "江川省委统战部", DAY, 4, 20, Set.of());
        long cityClass = fixtures.classWithSessions("青州请假班", "青州市委统战部", DAY, 1, 20, Set.of());
        long citySession = rotation.sessions(cityClass).getFirst().id();
        List<Long> provinceSessions = rotation.sessions(provinceClass).stream().map(SessionRow::id).toList();
        java.sql.Timestamp earlier = java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(3600));
        jdbc.sql("""
                        insert into leave_request (person_id, occasion_kind, occasion_id, reason, requested_at)
                        select (select min(id) from person), 'SESSION', :session, '青州的请假', :at""")
                .param("session", citySession).param("at", earlier).update();
        // 600 newer requests at the province's own class: more than the approval list reads at once.
        int elsewhere = jdbc.sql("""
                        insert into leave_request (person_id, occasion_kind, occasion_id, reason, requested_at)
                        select p.id, 'SESSION', s, '省里的请假', now()
                        from (select id from person order by id limit 150) p cross join unnest(:sessions) s""")
                .param("sessions", provinceSessions.toArray(Long[]::new)).update();
        assertThat(elsewhere).isEqualTo(600);

        users.signIn("qingzhou");
        assertThat(leave.pending(0, 500)).extracting(r -> r.occasion().ref().id()).contains(citySession)
                .doesNotContainAnyElementsOf(provinceSessions);
        assertThat(leave.pendingCount()).isEqualTo(leave.pending(0, 500).size());

        users.signIn("organizer");
        assertThat(leave.pendingCount()).as("counted in the database, not in the list read").isGreaterThan(600);
        assertThat(leave.pending(0, 500)).hasSize(500);
        assertThat(leave.pending(500, 500)).isNotEmpty();
        // The other tests here read the province's first page: leave it as it was.
        jdbc.sql("delete from leave_request where reason in ('省里的请假', '青州的请假')").update();
    }

    @Test
    void the_approval_list_shows_each_persons_own_leave_hours_in_each_class() {
        long trainee = users.signIn("trainee");
        long lecturer = users.signIn("lecturer");
        users.signIn("organizer");
        // 7 sessions of 3 h: the limit is 1/7 of 21 h = 3 h
        long cls = fixtures.classWithSessions("请假列表班", "江川省委统战部", DAY.plusDays(40), 7, 20, Set.of());
        enrollment.enroll(cls, List.of(trainee, lecturer), false);
        List<Long> sessions = rotation.sessions(cls).stream().map(s -> s.id()).toList();
        clock.set(DAY.plusDays(39).atTime(10, 0).atZone(Application.ZONE).toInstant());
        List<OccasionRef> firstTwo = List.of(new OccasionRef("SESSION", sessions.get(0)), new OccasionRef("SESSION", sessions.get(1)));
        users.signIn("trainee");
        leave.request(firstTwo, "出差");
        users.signIn("lecturer");
        leave.request(firstTwo, "授课冲突");

        users.signIn("organizer");
        LeaveRow approveMe = leave.pending(0, 500).stream()
                .filter(r -> r.personId() == trainee && r.occasion().ref().id() == sessions.get(0)).findFirst().orElseThrow();
        leave.approve(approveMe.id());

        List<LeaveRow> rows = leave.pending(0, 500).stream().filter(r -> sessions.contains(r.occasion().ref().id())).toList();
        assertThat(rows).hasSize(3);
        LeaveRow traineeSecond = rows.stream().filter(r -> r.personId() == trainee).findFirst().orElseThrow();
        assertThat(traineeSecond.budget().limitHours()).isEqualByComparingTo(new BigDecimal("3.0"));
        assertThat(traineeSecond.budget().takenBefore()).isEqualByComparingTo(new BigDecimal("3"));
        assertThat(traineeSecond.budget().excused()).isFalse();
        assertThat(rows).filteredOn(r -> r.personId() == lecturer).hasSize(2).allSatisfy(r -> {
            assertThat(r.budget().takenBefore()).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(r.budget().excused()).as("3 h within 3 h").isTrue();
        });
    }

    @Test
    void the_decision_mail_is_written_in_the_language_the_trainee_reads_the_portal_in() {
        long session = firstSessionWithTrainee("请假英文邮件班", DAY.plusDays(60), 2);
        clock.set(DAY.plusDays(59).atTime(10, 0).atZone(Application.ZONE).toInstant());
        users.signIn("trainee");
        accounts.rememberMyLanguage(java.util.Locale.ENGLISH);
        try {
            leave.request(List.of(new OccasionRef("SESSION", session)), "出差");
            users.signIn("organizer");
            LeaveRow row = leave.pending(0, 500).stream().filter(r -> r.occasion().ref().id() == session).findFirst().orElseThrow();
            leave.refuse(row.id(), "Training day: please attend");
            List<String> mail = jdbc.sql("select subject, body from mail_outbox where dedup_key = :k").param("k", "leave:" + row.id())
                    .query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).single();
            assertThat(mail.get(0)).isEqualTo("Leave refused: " + row.occasion().title());
            assertThat(mail.get(1)).contains("was refused", "The reason: Training day: please attend",
                    "Tongxin - United Front study and training portal");
        } finally {
            users.signIn("trainee");
            accounts.rememberMyLanguage(java.util.Locale.SIMPLIFIED_CHINESE);
        }
    }

    @Test
    void a_refusal_needs_a_reason_which_the_trainee_reads_in_the_mail_and_in_their_list() {
        long session = firstSessionWithTrainee("请假不批准班", DAY.plusDays(70), 2);
        clock.set(DAY.plusDays(69).atTime(10, 0).atZone(Application.ZONE).toInstant());
        users.signIn("trainee");
        leave.request(List.of(new OccasionRef("SESSION", session)), "家中有事");
        users.signIn("organizer");
        LeaveRow row = leave.pending(0, 500).stream().filter(r -> r.occasion().ref().id() == session).findFirst().orElseThrow();

        assertThatThrownBy(() -> leave.refuse(row.id(), "  ")).isInstanceOf(DomainException.class)
                .hasMessage("leave.error.refusal-reason");
        assertThatThrownBy(() -> leave.refuse(row.id(), "长".repeat(LeaveService.REASON_MAX + 1)))
                .isInstanceOf(DomainException.class).hasMessage("leave.error.refusal-reason-long");
        assertThat(leave.pending(0, 500)).as("a refusal without a reason changes nothing").extracting(LeaveRow::id).contains(row.id());
        assertThatThrownBy(() -> jdbc.sql("update leave_request set status = 'REFUSED', decided_at = now() where id = :id")
                .param("id", row.id()).update()).as("the database keeps the rule too")
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);

        leave.refuse(row.id(), "本课次为结业考试，<b>不能</b>请假");
        String body = jdbc.sql("select body from mail_outbox where dedup_key = :k").param("k", "leave:" + row.id())
                .query(String.class).single();
        assertThat(body).contains("未批准", "不批准的原因：本课次为结业考试，<b>不能</b>请假");
        users.signIn("trainee");
        assertThat(leave.myRequests()).filteredOn(r -> r.id() == row.id()).singleElement()
                .satisfies(r -> assertThat(r.refusal()).isEqualTo("本课次为结业考试，<b>不能</b>请假"));
    }

    @Test
    void leave_cannot_be_asked_for_a_session_that_has_begun() {
        long session = firstSessionWithTrainee("已开课班", DAY.plusDays(10), 1);
        clock.set(DAY.plusDays(10).atTime(9, 30).atZone(Application.ZONE).toInstant());
        users.signIn("trainee");
        assertThat(leave.leaveable()).extracting(o -> o.ref().id()).doesNotContain(session);
        assertThatThrownBy(() -> leave.request(List.of(new OccasionRef("SESSION", session)), "临时有事"))
                .isInstanceOf(DomainException.class).hasMessage("leave.error.started");
    }

    /** A class of 江川省委统战部 with the trainee enrolled; returns its first session's id. */
    private long firstSessionWithTrainee(String title, LocalDate start, int sessions) {
        long trainee = users.signIn("trainee");
        users.signIn("organizer");
        long cls = fixtures.classWithSessions(title, "江川省委统战部", start, sessions, 20, Set.of());
        enrollment.enroll(cls, List.of(trainee), false);
        return rotation.sessions(cls).getFirst().id();
    }
}
