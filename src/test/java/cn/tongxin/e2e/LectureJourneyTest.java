package cn.tongxin.e2e;

import cn.tongxin.MutableClock;
import cn.tongxin.TestUsers;
import cn.tongxin.lecture.LectureData;
import cn.tongxin.lecture.LectureFixtures;
import cn.tongxin.lecture.LectureService;
import cn.tongxin.people.Audience;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lecture as an invited trainee lives it on a phone: the lecture on the home page, its page, the door QR scanned
 * at the venue, and the feedback after it — anonymous, so that what is stored cannot be traced back to them.
 */
class LectureJourneyTest extends BrowserTest {

    @Autowired LectureService lectures;
    @Autowired LectureFixtures fixtures;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired MutableClock clock;

    @AfterEach
    void resetTheClock() {
        clock.reset();
        SecurityContextHolder.clearContext();
    }

    @Test
    void an_invited_trainee_opens_the_lecture_from_the_home_page_signs_in_at_the_door_and_gives_anonymous_feedback() throws Exception {
        long trainee = jdbc.sql("select person_id from account where username = 'trainee'").query(Long.class).single();
        LectureFixtures.Setup s = fixtures.setup("journey");
        users.signIn("organizer");
        Instant start = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MINUTES);
        LectureData d = s.lecture("学习贯彻全会精神 · 手机旅程", start, start.plus(Duration.ofHours(1)), s.venueId());
        long id = lectures.create(new LectureData(d.topicId(), d.title(), d.unitId(), null, d.lecturerIds(), d.venueId(),
                "二楼报告厅", d.startsAt(), d.endsAt(), 30, BigDecimal.valueOf(2),
                new Audience(Set.of(), Set.of(), Set.of(), false, Set.of(trainee)), LectureData.OPENS_BEFORE,
                LectureData.LATE_AFTER, LectureData.CLOSES_AFTER));
        lectures.publish(id, lectures.get(id).version());
        SecurityContextHolder.clearContext();

        // The home page lists the invitation; it opens the lecture's page, where the trainee confirms.
        Page phone = phone();
        logIn(phone, "trainee");
        assertThat(phone.locator("#home-lecture-" + id)).isVisible();
        screenshot(phone, "lecture-home-phone");
        phone.locator("#home-lecture-" + id).click();
        assertThat(phone.locator("#lecture-heading")).hasText("学习贯彻全会精神 · 手机旅程");
        phone.locator("#lecture-confirm").click();
        assertThat(phone.locator("#lecture-answer-state")).containsText("已确认");
        screenshot(phone, "lecture-page-phone");

        // At the venue: the door screen's QR, scanned by the phone.
        Page door = desktop();
        logIn(door, "organizer");
        door.navigate(url("attendance/door/LECTURE/" + id));
        assertThat(door.locator("#door-qr")).isVisible();
        String link = readQr(door.locator("#door-qr").getAttribute("src"));
        phone.navigate(link.replaceFirst("http://localhost:\\d+/", url("")));
        assertThat(phone.locator("#occasion-title")).hasText("学习贯彻全会精神 · 手机旅程");
        phone.locator("#sign-in-button").click();
        assertThat(phone.locator("#sign-in-result")).containsText("签到成功");
        assertThat(door.locator("#door-counts")).containsText("已签到 1 / 应到 1");
        assertThat(jdbc.sql("""
                        select method || ':' || status from sign_in
                        where occasion_kind = 'LECTURE' and occasion_id = :id and person_id = :p""")
                .param("id", id).param("p", trainee).query(String.class).single()).isEqualTo("QR:PRESENT");
        // The live board of the lecture lists who came.
        String name = jdbc.sql("select name from person where id = :p").param("p", trainee).query(String.class).single();
        door.navigate(url("attendance/board/LECTURE/" + id));
        assertThat(door.locator("body")).containsText(name);
        screenshot(door, "lecture-board-desktop");

        // After the lecture the page offers the feedback; the trainee answers anonymously.
        clock.set(start.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(20)));
        phone.navigate(url("lectures/" + id));
        phone.locator("#lecture-feedback-open").click();
        for (int q = 1; q <= 4; q++) {
            phone.locator("#feedback-q-" + q + " vaadin-radio-button").nth(q == 4 ? 3 : 4).click();
        }
        phone.locator("#feedback-comment textarea").fill("联系实际，讲得透彻。");
        phone.locator("#feedback-anonymous").click();
        screenshot(phone, "lecture-feedback-phone");
        phone.locator("#feedback-submit").click();
        assertThat(phone.locator("#feedback-thanks")).isVisible();

        assertThat(jdbc.sql("select count(*) from lecture_feedback_given where lecture_id = :id and person_id = :p")
                .param("id", id).param("p", trainee).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select person_id is null and comment = '联系实际，讲得透彻。' from lecture_feedback where lecture_id = :id")
                .param("id", id).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("""
                        select string_agg(r.rating::text, ',' order by q.position) from lecture_feedback f
                        join lecture_feedback_rating r on r.feedback_id = f.id join feedback_question q on q.id = r.question_id
                        where f.lecture_id = :id""").param("id", id).query(String.class).single()).isEqualTo("5,5,5,4");
    }
}
