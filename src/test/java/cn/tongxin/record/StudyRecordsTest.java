package cn.tongxin.record;

import cn.tongxin.IntegrationTest;
import cn.tongxin.TestUsers;
import cn.tongxin.attendance.AttendanceStatus;
import cn.tongxin.attendance.OccasionRef;
import cn.tongxin.attendance.SignInService;
import cn.tongxin.certificate.Completions;
import cn.tongxin.lecture.LectureFixtures;
import cn.tongxin.lecture.LectureService;
import cn.tongxin.rotation.RotationService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class StudyRecordsTest {

    @Autowired Completions completions;
    @Autowired RotationService rotation;
    @Autowired SignInService signIn;
    @Autowired cn.tongxin.attendance.LeaveService leave;
    @Autowired LectureService lectures;
    @Autowired LectureFixtures lectureFixtures;
    @Autowired StudyArchive archives;
    @Autowired StudyChain chain;
    @Autowired StudyRecorder recorder;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired org.springframework.transaction.support.TransactionTemplate transactions;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private List<String> records(long personId) {
        return jdbc.sql("""
                        select kind || ':' || coalesce(status, '-') || ':' || hours || ':' || counts || ':v' || version
                        from study_record where person_id = :p order by kind, occurred_at""")
                .param("p", personId).query(String.class).list();
    }

    private long unitOf(long personId) {
        return jdbc.sql("select unit_id from person where id = :p").param("p", personId).query(Long.class).single();
    }

    @Test
    void a_completion_and_the_session_sign_ins_before_it_each_leave_one_record_and_the_class_counts_once() {
        completions.as("organizer");
        var started = completions.startedClass("档案甲");
        long person = started.personIds().getFirst();

        completions.complete(started.classId(), person, 1);

        assertThat(records(person)).containsExactly(
                "CLASS_COMPLETED:-:3.0:false:v1", "SESSION:PRESENT:3.0:true:v1", "SESSION:ABSENT:3.0:false:v1");
        Archive archive = archives.archive(person, 2026);
        assertThat(archive.completed()).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo(started.title());
            assertThat(e.hours()).isEqualByComparingTo("3");
        });
        assertThat(archive.sessions()).extracting(ArchiveEntry::status)
                .containsExactly(AttendanceStatus.PRESENT, AttendanceStatus.ABSENT);
        assertThat(archive.sessions()).allSatisfy(e -> assertThat(e.context()).isEqualTo(started.title()));
        assertThat(archive.countedHours()).as("3 h attended; the completion's 3 h are those same hours").isEqualByComparingTo("3");
        assertThat(archive.absentCount()).isEqualTo(1);
        assertThat(archive.absentHours()).isEqualByComparingTo("3");
    }

    @Test
    void a_hand_mark_changed_from_absent_to_present_updates_the_record_and_leaves_the_trace_and_a_log_entry() {
        completions.as("organizer");
        var started = completions.startedClass("档案乙");
        long person = started.personIds().getFirst();
        OccasionRef first = new OccasionRef("SESSION", rotation.sessions(started.classId()).getFirst().id());

        signIn.mark(first, List.of(person), AttendanceStatus.ABSENT, "未到");
        signIn.mark(first, List.of(person), AttendanceStatus.ABSENT, "再次确认未到");
        signIn.mark(first, List.of(person), AttendanceStatus.PRESENT, "签到表补录");

        assertThat(records(person)).containsExactly("SESSION:PRESENT:3.0:true:v2");
        long record = jdbc.sql("select id from study_record where person_id = :p").param("p", person).query(Long.class).single();
        assertThat(jdbc.sql("""
                        select before_status || '>' || after_status || ':' || before_hours || '>' || after_hours || ':' || changed_by
                        from study_record_change where record_id = :r""")
                .param("r", record).query(String.class).list())
                .as("the same mark given again changes nothing").containsExactly("ABSENT>PRESENT:3.0>3.0:organizer");
        assertThat(jdbc.sql("select action from study_record_log where record_id = :r order by id").param("r", record)
                .query(String.class).list()).containsExactly("CREATE", "UPDATE");
        assertThat(chain.verify(unitOf(person), 2026).intact()).isTrue();
    }

    @Test
    void a_lecture_sign_in_leaves_one_record_with_the_lectures_hours_and_topic() {
        users.signIn("organizer");
        LectureFixtures.Setup s = lectureFixtures.setup("archive-" + System.nanoTime());
        Instant start = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        long id = lectures.create(s.lecture("档案宣讲", start, start.plus(Duration.ofHours(1)), null));
        lectures.publish(id, lectures.get(id).version());

        signIn.mark(new OccasionRef("LECTURE", id), List.of(s.invitee()), AttendanceStatus.LATE, "门口登记");

        assertThat(records(s.invitee())).containsExactly("LECTURE:LATE:2.0:true:v1");
        int year = start.atZone(cn.tongxin.Application.ZONE).getYear();
        Archive archive = archives.archive(s.invitee(), year);
        assertThat(archive.lectures()).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("档案宣讲");
            assertThat(e.context()).startsWith("主题archive-");
        });
        assertThat(archive.countedHours()).isEqualByComparingTo("2");
        assertThat(chain.verify(unitOf(s.invitee()), year)).satisfies(c -> {
            assertThat(c.intact()).isTrue();
            assertThat(c.count()).isPositive();
        });
    }

    @Test
    void an_approved_leave_from_a_lecture_is_a_record_on_leave_that_does_not_count() {
        users.signIn("organizer");
        LectureFixtures.Setup s = lectureFixtures.setup("archive-leave-" + System.nanoTime());
        Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        long id = lectures.create(s.lecture("请假宣讲", start, start.plus(Duration.ofHours(2)), null));
        lectures.publish(id, lectures.get(id).version());
        OccasionRef ref = new OccasionRef("LECTURE", id);
        users.signIn(jdbc.sql("select username from account where person_id = :p").param("p", s.invitee())
                .query(String.class).single());
        leave.request(List.of(ref), "出差在外");
        users.signIn("organizer");
        leave.approve(jdbc.sql("select id from leave_request where occasion_kind = 'LECTURE' and occasion_id = :id")
                .param("id", id).query(Long.class).single());

        assertThat(records(s.invitee())).containsExactly("LECTURE:LEAVE:2.0:false:v1");
        Archive archive = archives.archive(s.invitee(), start.atZone(cn.tongxin.Application.ZONE).getYear());
        assertThat(archive.countedHours()).isEqualByComparingTo("0");
        assertThat(archive.leaveCount()).isEqualTo(1);
        assertThat(archive.leaveHours()).isEqualByComparingTo("2");
    }

    @Test
    void occasions_of_other_kinds_leave_no_record() {
        long person = users.newTrainee("archive-test-kind-" + System.nanoTime());
        recorderOn(new cn.tongxin.attendance.SignedIn(new OccasionRef("TEST", 1), person, AttendanceStatus.PRESENT, Instant.now()));
        assertThat(records(person)).isEmpty();
    }

    private void recorderOn(cn.tongxin.attendance.SignedIn event) {
        recorder.on(event);
    }

    /** A unit of its own, so that breaking its chain on purpose touches no other test's chain. */
    private long ownUnitWithRecords(String tag, int records) {
        long province = jdbc.sql("select id from unit where parent_id is null").query(Long.class).single();
        long unit = jdbc.sql("insert into unit (parent_id, name, kind, path) values (:p, :n, 'MEMBER', '') returning id")
                .param("p", province).param("n", "档案单位" + tag + System.nanoTime()).query(Long.class).single();
        long person = jdbc.sql("insert into person (name, gender, unit_id) values ('链测试', 'M', :u) returning id")
                .param("u", unit).query(Long.class).single();
        Instant at = LocalDate.of(2025, 3, 1).atStartOfDay(cn.tongxin.Application.ZONE).toInstant();
        for (int i = 0; i < records; i++) {
            recorder.write(new StudyRecorder.Fact(person, RecordKind.SESSION, "SESSION", 900_000_000L + i,
                    at.plus(Duration.ofDays(i)), "第" + i + "讲", "链测试班", BigDecimal.valueOf(2), AttendanceStatus.PRESENT));
        }
        return unit;
    }

    private long recordAt(long unit, int seq) {
        return jdbc.sql("select record_id from study_record_log where unit_id = :u and year = 2025 and seq = :s")
                .param("u", unit).param("s", seq).query(Long.class).single();
    }

    @Test
    void a_log_entry_changed_in_the_database_is_the_first_break() {
        long unit = ownUnitWithRecords("日志", 4);
        users.signIn("checker");
        assertThat(chain.verify(unit, 2025)).satisfies(c -> {
            assertThat(c.intact()).isTrue();
            assertThat(c.count()).isEqualTo(4);
        });

        jdbc.sql("update study_record_log set payload = replace(payload, 'hours=2.0', 'hours=8.0') where unit_id = :u and seq = 3")
                .param("u", unit).update();

        ChainCheck check = chain.verify(unit, 2025);
        assertThat(check.intact()).isFalse();
        assertThat(check.brokenSeq()).isEqualTo(3);
        assertThat(check.recordId()).isEqualTo(recordAt(unit, 3));
        assertThat(check.problem()).isEqualTo(ChainCheck.Problem.HASH);
        assertThat(check.count()).as("entries intact before the break").isEqualTo(2);
    }

    @Test
    void a_record_changed_behind_the_portals_back_breaks_the_chain_at_its_last_entry() {
        long unit = ownUnitWithRecords("记录", 3);
        long second = recordAt(unit, 2);
        jdbc.sql("update study_record set hours = 6 where id = :r").param("r", second).update();

        users.signIn("admin");
        ChainCheck check = chain.verify(unit, 2025);
        assertThat(check.brokenSeq()).isEqualTo(2);
        assertThat(check.recordId()).isEqualTo(second);
        assertThat(check.problem()).isEqualTo(ChainCheck.Problem.RECORD);
    }

    @Test
    void a_log_entry_rewritten_with_a_recomputed_hash_no_longer_matches_its_record() {
        long unit = ownUnitWithRecords("重算", 3);
        jdbc.sql("""
                        update study_record_log set payload = payload || 'x',
                               hash = encode(sha256(convert_to(prev_hash || payload || 'x', 'UTF8')), 'hex')
                        where unit_id = :u and seq = 1""").param("u", unit).update();
        users.signIn("checker");
        ChainCheck check = chain.verify(unit, 2025);
        assertThat(check.brokenSeq()).isEqualTo(1);
        assertThat(check.problem()).isEqualTo(ChainCheck.Problem.RECORD);
    }

    @Test
    void records_written_at_once_from_many_transactions_keep_one_unbroken_chain() throws Exception {
        long unit = ownUnitWithRecords("并发", 1);
        long person = jdbc.sql("select id from person where unit_id = :u").param("u", unit).query(Long.class).single();
        Instant at = LocalDate.of(2025, 5, 1).atStartOfDay(cn.tongxin.Application.ZONE).toInstant();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            long source = 910_000_000L + i;
            done.add(pool.submit(() -> {
                start.await();
                transactions.executeWithoutResult(t -> recorder.write(new StudyRecorder.Fact(person, RecordKind.LECTURE,
                        "LECTURE", source, at, "并发宣讲", "主题", BigDecimal.ONE, AttendanceStatus.PRESENT)));
                return null;
            }));
        }
        start.countDown();
        for (var f : done) {
            f.get();
        }
        pool.shutdown();

        users.signIn("checker");
        ChainCheck check = chain.verify(unit, 2025);
        assertThat(check.intact()).isTrue();
        assertThat(check.count()).isEqualTo(25);
    }

    @Test
    void a_trainee_cannot_read_another_persons_archive_and_a_city_organizer_not_another_citys() {
        long other = users.newTrainee("archive-other-" + System.nanoTime());
        users.signIn("trainee");
        assertThatThrownBy(() -> archives.archive(other, 2026)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> archives.years(other)).isInstanceOf(AccessDeniedException.class);

        long yunzhou = jdbc.sql("select id from unit where name = '云州市委统战部'").query(Long.class).single();
        long yunzhouPerson = jdbc.sql("insert into person (name, gender, unit_id) values ('云州档案', 'F', :u) returning id")
                .param("u", yunzhou).query(Long.class).single();
        users.signIn("qingzhou");
        assertThatThrownBy(() -> archives.archive(yunzhouPerson, 2026)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> chain.verify(yunzhou, 2026)).isInstanceOf(AccessDeniedException.class);

        users.signIn("trainee");
        assertThatThrownBy(() -> chain.verify(yunzhou, 2026)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_person_reads_their_own_archive_unaudited_and_an_organizer_reading_it_is_audited() {
        long person = users.newTrainee("archive-self-" + System.nanoTime());
        String username = jdbc.sql("select username from account where person_id = :p").param("p", person).query(String.class).single();
        users.signIn(username);
        assertThat(archives.archive(person, 2026).isEmpty()).isTrue();
        assertThat(archives.years(person)).contains(java.time.LocalDate.now(cn.tongxin.Application.ZONE).getYear());
        users.signIn("organizer");
        archives.archive(person, 2026);

        assertThat(jdbc.sql("""
                        select actor || ':' || action from audit_event where target_type = 'STUDY_ARCHIVE' and target_id = :p""")
                .param("p", person).query(String.class).list()).containsExactly("organizer:VIEW");
    }
}
