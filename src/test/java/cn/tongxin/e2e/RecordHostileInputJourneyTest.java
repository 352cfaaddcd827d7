package cn.tongxin.e2e;

import cn.tongxin.TestUsers;
import cn.tongxin.attendance.AttendanceStatus;
import cn.tongxin.attendance.OccasionRef;
import cn.tongxin.attendance.SignInService;
import cn.tongxin.lecture.LectureData;
import cn.tongxin.lecture.LectureFixtures;
import cn.tongxin.lecture.LectureService;
import cn.tongxin.people.AccountService;
import cn.tongxin.people.Audience;
import cn.tongxin.people.Gender;
import cn.tongxin.people.PersonData;
import cn.tongxin.people.PersonService;
import cn.tongxin.people.PersonStatus;
import cn.tongxin.people.ReferenceDataService;
import cn.tongxin.record.EvidenceFile;
import cn.tongxin.record.SelfStudy;
import cn.tongxin.record.SelfStudyDraft;
import cn.tongxin.record.SelfStudyKind;
import cn.tongxin.security.Roles;
import com.microsoft.playwright.Page;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static cn.tongxin.e2e.HostileInputJourneyTest.BREAKOUT;
import static cn.tongxin.e2e.HostileInputJourneyTest.DISPLAY_NAME;
import static cn.tongxin.e2e.HostileInputJourneyTest.ODD_CHARACTERS;
import static cn.tongxin.e2e.HostileInputJourneyTest.QUOTES;
import static cn.tongxin.e2e.HostileInputJourneyTest.SVG;

/**
 * The study records' free texts — a self-study entry's title, note and evidence file name, a checker's reason for
 * sending it back, and the title of a lecture that became a record — filled with the hostile strings, then the
 * trainee's and the checker's pages opened by a full load in Chromium: the text appears literally, nothing runs.
 */
class RecordHostileInputJourneyTest extends BrowserTest {

    static final String TITLE = "自学 " + BREAKOUT + " " + QUOTES + " " + ODD_CHARACTERS;
    static final String NOTE = "心得 " + SVG + " " + QUOTES;
    static final String FILE = "证明 " + SVG + " 'x'";
    static final String REASON = "退回 " + BREAKOUT + " " + ODD_CHARACTERS;
    static final String PENDING = "待审 " + SVG + " " + BREAKOUT;
    static final String OCCASION = "讲座 " + BREAKOUT + " " + QUOTES;
    static final String PERSON = BREAKOUT + " 档案";

    @Autowired TestUsers users;
    @Autowired PersonService people;
    @Autowired AccountService accounts;
    @Autowired ReferenceDataService reference;
    @Autowired LectureService lectures;
    @Autowired LectureFixtures fixtures;
    @Autowired SignInService signIn;
    @Autowired SelfStudy selfStudy;
    @Autowired JdbcClient jdbc;

    private final SoftAssertions softly = new SoftAssertions();
    private final HostilePages pages = new HostilePages(softly, this::url);

    @AfterEach
    void signOutOfTheTestThread() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void hostile_text_in_self_study_and_the_archive_stays_text_on_every_page_opened_by_a_full_load() {
        users.signIn("admin");
        long province = jdbc.sql("select id from unit where parent_id is null").query(Long.class).single();
        String tag = Long.toString(System.nanoTime() % 1_000_000_000);
        long person = people.create(new PersonData(PERSON, Gender.F, "汉族", LocalDate.of(1982, 3, 4), null, null,
                "hostile-rec-" + tag + "@example.cn", province, null, Set.of(reference.sectors().getFirst().id()), QUOTES,
                false, PersonStatus.ACTIVE));
        String trainee = "hrt" + tag;
        accounts.create(trainee, DISPLAY_NAME, province, person, Set.of(Roles.TRAINEE), DEMO_PASSWORD);

        // A lecture the person came to: the portal writes it into their archive.
        LectureFixtures.Setup s = fixtures.setup("rec-hostile-" + tag);
        users.signIn("organizer");
        Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        LectureData d = s.lecture(OCCASION, start, start.plus(Duration.ofHours(2)), null);
        long lecture = lectures.create(new LectureData(d.topicId(), d.title(), d.unitId(), null, d.lecturerIds(), null,
                d.place(), d.startsAt(), d.endsAt(), 10, BigDecimal.valueOf(2),
                new Audience(Set.of(), Set.of(), Set.of(), false, Set.of(person)), d.opensBefore(), d.lateAfter(),
                d.closesAfter()));
        lectures.publish(lecture, lectures.get(lecture).version());
        signIn.mark(new OccasionRef("LECTURE", lecture), List.of(person), AttendanceStatus.PRESENT, "纸质签到表补录");

        users.signIn(trainee);
        byte[] pdf = "%PDF-1.4\n%hostile\n".getBytes(StandardCharsets.US_ASCII);
        LocalDate day = LocalDate.now().minusDays(2);
        long returned = selfStudy.submit(new SelfStudyDraft(TITLE, day, SelfStudyKind.READING, new BigDecimal("1.5"), NOTE),
                List.of(new EvidenceFile(FILE + ".pdf", pdf)));
        selfStudy.submit(new SelfStudyDraft(PENDING, day, SelfStudyKind.ONLINE_COURSE, BigDecimal.ONE, null), List.of());
        users.signIn("checker");
        selfStudy.sendBack(returned, selfStudy.entry(returned).version(), REASON);
        SecurityContextHolder.clearContext();

        Page phone = pages.watched(phone());
        logIn(phone, trainee);
        pages.check(phone, "my/self-study", DISPLAY_NAME, TITLE, NOTE, REASON, FILE + ".pdf", PENDING);
        screenshot(phone, "hostile-self-study-phone");
        pages.check(phone, "my/archive", DISPLAY_NAME, OCCASION);

        Page checker = pages.watched(desktop());
        logIn(checker, "checker");
        pages.check(checker, "records/self-study-queue", PENDING, PERSON);
        screenshot(checker, "hostile-self-study-queue");
        pages.check(checker, "records/person/" + person, PERSON, OCCASION);
        screenshot(checker, "hostile-archive");
        pages.check(checker, "records/chain");

        softly.assertAll();
    }
}
