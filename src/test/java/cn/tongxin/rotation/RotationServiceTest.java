package cn.tongxin.rotation;

import cn.tongxin.people.PersonOption;
import cn.tongxin.IntegrationTest;
import cn.tongxin.base.DomainException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithUserDetails;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class RotationServiceTest {

    @Autowired
    Fixtures f;
    @Autowired
    RotationService rotation;
    @Autowired
    EnrollmentService enrollment;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    cn.tongxin.TestUsers users;

    @org.junit.jupiter.api.AfterEach
    void signOut() {
        org.springframework.security.core.context.SecurityContextHolder.clearContext();
    }

    @Test
    void a_city_organizer_can_name_only_their_own_people_and_sees_only_those() {
        users.signIn("organizer");
        long yunzhouPerson = f.people(1, "云溪区委统战部", 0).getFirst();
        long qingzhouPerson = f.people(1, "青山区委统战部", 0).getFirst();
        long provincePlan = f.namedPlan("省级点名", Requirement.CLASS, 1, "0", List.of(yunzhouPerson, qingzhouPerson));

        users.signIn("qingzhou");
        long city = f.unit("青州市委统战部").id();
        PlanData foreign = new PlanData("市级点名 " + System.nanoTime(), city, LocalDate.of(2026, 1, 1), LocalDate.of(2028, 12, 31),
                Requirement.CLASS, 1, java.math.BigDecimal.ZERO, Set.of(), Set.of(), Set.of(), false, Set.of(yunzhouPerson));
        assertThatThrownBy(() -> rotation.createPlan(foreign)).hasMessage("rotation.error.named-outside");
        PlanData own = new PlanData(foreign.name(), city, foreign.cycleStart(), foreign.cycleEnd(), Requirement.CLASS, 1,
                java.math.BigDecimal.ZERO, Set.of(), Set.of(), Set.of(), false, Set.of(qingzhouPerson));
        long plan = rotation.createPlan(own);
        assertThat(rotation.plan(plan).data().personIds()).containsExactly(qingzhouPerson);
        // the province plan names someone of 云州 too: a 青州 organizer does not see who
        assertThat(rotation.namedPeople(provincePlan)).extracting(PersonOption::id).containsExactly(qingzhouPerson);
    }

    @Test
    @WithUserDetails("organizer")
    void population_is_evaluated_live_from_sectors_and_units() {
        List<Long> before = f.people(2, "云溪区委统战部", 7);
        long plan = rotation.createPlan(new PlanData("云溪新阶层 " + System.nanoTime(), f.unit("江川省委统战部").id(),
                LocalDate.of(2023, 1, 1), LocalDate.of(2027, 12, 31), Requirement.CLASS, 3, null,
                Set.of(f.sector(7)), Set.of(), Set.of(f.unit("云溪区委统战部").id()), false, Set.of()));
        long cls = f.classWithSessions("云溪班", "江川省委统战部", LocalDate.of(2033, 3, 1), 3, 50, Set.of(plan));
        long count = enrollment.candidates(cls, plan, CandidateFilter.none(), 0, 100).total();
        List<Long> later = f.people(1, "云溪区委统战部", 7);
        var candidates = enrollment.candidates(cls, plan, CandidateFilter.none(), 0, 100);
        assertThat(candidates.total()).isEqualTo(count + 1);
        assertThat(candidates.items()).extracting(Candidate::personId).contains(before.get(0), later.get(0));
        // someone of another sector in the same unit is not in it
        List<Long> other = f.people(1, "云溪区委统战部", 3);
        assertThat(enrollment.candidates(cls, plan, CandidateFilter.none(), 0, 100).items())
                .extracting(Candidate::personId).doesNotContain(other.get(0));
    }

    @Test
    @WithUserDetails("organizer")
    void sessions_of_one_class_may_not_overlap_and_stay_inside_the_class_dates() {
        LocalDate day = LocalDate.of(2034, 5, 6);
        long cls = rotation.createClass(new ClassData("时间表 " + System.nanoTime(), f.unit("江川省委统战部").id(), "学院",
                day, day.plusDays(1), 30, Set.of(), 90, null, null));
        rotation.addSession(cls, Fixtures.session("上午", day, 9, 11));
        assertThatThrownBy(() -> rotation.addSession(cls, Fixtures.session("冲突", day, 10, 12)))
                .isInstanceOf(DomainException.class).hasMessage("rotation.error.session-overlap");
        assertThatThrownBy(() -> rotation.addSession(cls, Fixtures.session("晚了", day.plusDays(2), 9, 11)))
                .isInstanceOf(DomainException.class).hasMessage("rotation.error.session-outside-class");
        rotation.addSession(cls, Fixtures.session("下午", day, 11, 12));
        List<SessionRow> sessions = rotation.sessions(cls);
        assertThat(sessions).extracting(SessionRow::title).containsExactly("上午", "下午");
        SessionRow first = sessions.getFirst();
        assertThat(first.signInOpensAt()).isEqualTo(first.start().minusSeconds(30 * 60));
        assertThat(first.signInClosesAt()).isEqualTo(first.start().plusSeconds(60 * 60));
        // the database refuses an overlap too (exclusion constraint), whatever the service does
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into rotation_session (class_id, title, kind, starts_at, ends_at)
                        values (:c, 'x', 'LECTURE', :s, :e)""").param("c", cls)
                .param("s", RotationService.offset(day.atTime(9, 30))).param("e", RotationService.offset(day.atTime(10, 0))).update())
                .isInstanceOf(Exception.class);
    }

    @Test
    @WithUserDetails("organizer")
    void a_stale_edit_of_a_class_is_refused() {
        long cls = f.classWithSessions("版本", "江川省委统战部", LocalDate.of(2035, 1, 5), 2, 20, Set.of());
        ClassDetail d = rotation.classDetail(cls);
        ClassData changed = new ClassData(d.data().title() + "改", d.data().unitId(), "新场地", d.data().startDate(),
                d.data().endDate(), 25, Set.of(), 90, null, null);
        rotation.updateClass(cls, d.version(), changed);
        assertThatThrownBy(() -> rotation.updateClass(cls, d.version(), changed))
                .isInstanceOf(ObjectOptimisticLockingFailureException.class);
        assertThat(rotation.classDetail(cls).data().capacity()).isEqualTo(25);
    }

    @Test
    @WithUserDetails("organizer")
    void cloning_a_class_shifts_dates_and_sessions_and_leaves_the_roster_empty() {
        long cls = f.classWithSessions("克隆", "江川省委统战部", LocalDate.of(2036, 3, 2), 3, 20, Set.of());
        List<Long> people = f.people(2, "青山区委统战部", 0);
        enrollment.enroll(cls, people, false);
        long copy = rotation.cloneClass(cls, LocalDate.of(2036, 4, 6), "克隆第二期");
        ClassDetail d = rotation.classDetail(copy);
        assertThat(d.data().startDate()).isEqualTo(LocalDate.of(2036, 4, 6));
        assertThat(d.data().endDate()).isEqualTo(LocalDate.of(2036, 4, 8));
        assertThat(d.enrolled()).isZero();
        assertThat(d.status()).isEqualTo(ClassStatus.DRAFT);
        assertThat(rotation.sessions(copy)).extracting(s -> s.startsAt().toLocalDate())
                .containsExactly(LocalDate.of(2036, 4, 6), LocalDate.of(2036, 4, 7), LocalDate.of(2036, 4, 8));
        assertThat(enrollment.roster(copy, null, 0, 10).total()).isZero();
    }

    @Test
    @WithUserDetails("organizer")
    void capacity_is_a_hard_limit_and_the_waiting_list_fills_freed_seats_in_order() {
        long cls = f.classWithSessions("候补", "江川省委统战部", LocalDate.of(2037, 3, 2), 2, 2, Set.of());
        List<Long> p = f.people(4, "青山区委统战部", 0);
        FillResult r = enrollment.enroll(cls, p, true);
        assertThat(r.enrolled()).isEqualTo(2);
        assertThat(r.waitlisted()).isEqualTo(2);
        EnrollmentRow first = enrollment.roster(cls, EnrollmentStatus.INVITED, 0, 10).items().getFirst();
        enrollment.withdraw(first.id());
        var invited = enrollment.roster(cls, EnrollmentStatus.INVITED, 0, 10).items();
        assertThat(invited).extracting(EnrollmentRow::personId).containsExactlyInAnyOrder(p.get(1), p.get(2));
        assertThat(rotation.classDetail(cls).enrolled()).isEqualTo(2);
        assertThat(enrollment.roster(cls, EnrollmentStatus.WAITLISTED, 0, 10).items())
                .extracting(EnrollmentRow::personId).containsExactly(p.get(3));
    }

    @Test
    @WithUserDetails("organizer")
    void one_person_is_never_in_two_classes_at_once() {
        long a = f.classWithSessions("同时A", "江川省委统战部", LocalDate.of(2038, 3, 2), 3, 10, Set.of());
        long b = f.classWithSessions("同时B", "江川省委统战部", LocalDate.of(2038, 3, 4), 3, 10, Set.of());
        List<Long> p = f.people(1, "青山区委统战部", 0);
        assertThat(enrollment.enroll(a, p, false).enrolled()).isEqualTo(1);
        FillResult r = enrollment.enroll(b, p, false);
        assertThat(r.enrolled()).isZero();
        assertThat(r.conflicting()).isEqualTo(1);
    }

    @Test
    @WithUserDetails("organizer")
    void completing_by_hand_records_the_hours_attended_and_is_refused_before_the_class_starts() {
        long cls = f.classWithSessions("结业", "江川省委统战部", LocalDate.of(2039, 3, 2), 3, 10, Set.of());
        List<Long> p = f.people(1, "青山区委统战部", 0);
        enrollment.enroll(cls, p, false);
        assertThatThrownBy(() -> enrollment.markCompleted(cls, p.getFirst()))
                .isInstanceOf(DomainException.class).hasMessage("rotation.error.not-started");
        f.start(cls);
        EnrollmentCompleted event = enrollment.markCompleted(cls, p.getFirst());
        assertThat(event.hours()).as("no session of 2039 attended yet, not the class's 9 h").isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(enrollment.roster(cls, EnrollmentStatus.COMPLETED, 0, 10).items())
                .extracting(EnrollmentRow::personId).containsExactly(p.getFirst());
    }

    @Test
    @WithUserDetails("organizer")
    void publishing_mails_an_invitation_with_the_class_calendar_and_a_date_change_mails_an_update() {
        long cls = f.classWithSessions("邀请", "江川省委统战部", LocalDate.of(2040, 3, 2), 2, 10, Set.of());
        List<Long> p = f.people(1, "青山区委统战部", 0);
        enrollment.enroll(cls, p, false);
        rotation.advance(cls);
        String key = "invite:class:" + cls + ":person:" + p.getFirst();
        var mail = jdbc.sql("select subject, attachment_type, attachment from mail_outbox where dedup_key = :k").param("k", key)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), new String(rs.getBytes(3), java.nio.charset.StandardCharsets.UTF_8)))
                .single();
        assertThat((String) mail.get(0)).contains("邀请", rotation.classDetail(cls).data().title());
        assertThat((String) mail.get(1)).contains("text/calendar");
        String ics = (String) mail.get(2);
        assertThat(ics).contains("METHOD:REQUEST", "DTSTART;TZID=Asia/Shanghai:20400302T090000", "TZID:Asia/Shanghai");
        // ical4j reads it
        assertThatCode(ics);
        ClassDetail d = rotation.classDetail(cls);
        rotation.addSession(cls, Fixtures.session("加一讲", LocalDate.of(2040, 3, 3), 14, 16));
        d = rotation.classDetail(cls);
        rotation.updateClass(cls, d.version(), new ClassData(d.data().title(), d.data().unitId(), "新地点",
                d.data().startDate(), d.data().endDate().plusDays(1), 10, Set.of(), 90, null, null));
        long updates = jdbc.sql("select count(*) from mail_outbox where dedup_key like :k").param("k", "update:class:" + cls + ":%")
                .query(Long.class).single();
        assertThat(updates).isEqualTo(1);
    }

    private static void assertThatCode(String ics) {
        try {
            var cal = new net.fortuna.ical4j.data.CalendarBuilder().build(new java.io.StringReader(ics));
            assertThat(cal.getComponents("VEVENT")).hasSize(1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @WithUserDetails("qingzhou")
    void a_city_organizer_cannot_create_a_class_for_the_province_nor_edit_one() {
        assertThatThrownBy(() -> rotation.createClass(new ClassData("越权", 1L, null, LocalDate.of(2041, 1, 1),
                LocalDate.of(2041, 1, 3), 10, Set.of(), 90, null, null)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithUserDetails("trainee")
    void a_trainee_cannot_create_plans_or_read_rosters() {
        assertThatThrownBy(() -> rotation.plans()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> enrollment.roster(1L, null, 0, 10)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithUserDetails("checker")
    void a_checker_reads_plans_but_cannot_enroll() {
        assertThat(rotation.plans()).isNotEmpty();
        assertThatThrownBy(() -> enrollment.enroll(1L, List.of(1L), false)).isInstanceOf(AccessDeniedException.class);
    }
}
