package cn.tongxin.lecture.ui;

import cn.tongxin.TestUsers;
import cn.tongxin.ViewTest;
import cn.tongxin.base.ui.Confirm;
import cn.tongxin.lecture.CalendarFeeds;
import cn.tongxin.lecture.InviteeResponse;
import cn.tongxin.lecture.LectureAnswers;
import cn.tongxin.lecture.LectureFixtures;
import cn.tongxin.lecture.LectureService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LectureFeedsViewsTest extends ViewTest {

    private static final String HOSTILE = "</script><img src=x onerror=alert(1)>";

    @Autowired LectureService lectures;
    @Autowired LectureAnswers answers;
    @Autowired CalendarFeeds feeds;
    @Autowired LectureFixtures fixtures;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private long published(LectureFixtures.Setup s, String title, int days) {
        users.signIn("organizer");
        Instant start = Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.HOURS);
        long id = lectures.create(s.lecture(title, start, start.plus(Duration.ofHours(2)), null));
        lectures.publish(id, lectures.get(id).version());
        return id;
    }

    /** Signs in as the person and starts the mocked browser again as them (it takes its user when it starts). */
    private void as(long personId) {
        users.signIn(jdbc.sql("select username from account where person_id = :p").param("p", personId)
                .query(String.class).single());
        cleanVaadinEnvironment();
        initVaadinEnvironment();
    }

    @Test
    void an_invitee_confirms_from_my_lectures_and_sees_the_answer_and_a_hostile_title_as_text() {
        LectureFixtures.Setup s = fixtures.setup("view-answer");
        long id = published(s, HOSTILE, 80);
        as(s.invitee());
        navigate(MyLecturesView.class);

        Anchor title = $(Anchor.class).id("my-lecture-open-" + id);
        assertThat(title.getText()).isEqualTo(HOSTILE);
        assertThat(title.getHref()).isEqualTo("lectures/" + id);
        assertThat($(Span.class).id("lecture-answer-state-" + id).getText()).isEqualTo("尚未答复");

        test($(Button.class).id("lecture-confirm-" + id)).click();

        assertThat($(Span.class).id("lecture-answer-state-" + id).getText()).startsWith("已确认参加");
        assertThat($(Button.class).id("lecture-confirm-" + id).isEnabled()).isFalse();
        assertThat(answers.myInvitation(id)).get().extracting(i -> i.response()).isEqualTo(InviteeResponse.CONFIRMED);

        test($(Button.class).id("lecture-decline-" + id)).click();
        assertThat(answers.myInvitation(id)).get().extracting(i -> i.response()).isEqualTo(InviteeResponse.DECLINED);
    }

    @Test
    void the_answer_for_the_lecture_page_declines_with_its_own_ids_and_shows_nothing_to_the_uninvited() {
        LectureFixtures.Setup s = fixtures.setup("view-slot");
        long id = published(s, "讲座页答复", 81);
        as(s.invitee());
        navigate(MyCalendarView.class);
        InvitationAnswer answer = new InvitationAnswer(answers, id);
        UI.getCurrent().add(answer);

        test($(Button.class).id("lecture-decline")).click();

        assertThat($(Span.class).id("lecture-answer-state").getText()).startsWith("已谢绝");
        assertThat($(Button.class).id("lecture-confirm").isEnabled()).isTrue();
        assertThat(answers.myInvitation(id)).get().extracting(i -> i.response()).isEqualTo(InviteeResponse.DECLINED);

        as(users.newTrainee("view-slot-other-" + System.nanoTime()));
        navigate(MyCalendarView.class);
        InvitationAnswer none = new InvitationAnswer(answers, id);
        UI.getCurrent().add(none);
        assertThat(none.isVisible()).isFalse();
    }

    @Test
    void somebody_invited_to_nothing_sees_the_empty_state() {
        long person = users.newTrainee("view-none-" + System.nanoTime());
        as(person);
        navigate(MyLecturesView.class);
        assertThat($(Div.class).id("my-lectures-empty").getElement().getTextRecursively()).contains("还没有宣讲邀请");
    }

    @Test
    void my_calendar_shows_a_new_address_once_and_stops_it_after_asking() {
        long person = users.newTrainee("view-feed-" + System.nanoTime());
        as(person);
        navigate(MyCalendarView.class);
        assertThat($(Paragraph.class).id("feed-state").getText()).isEqualTo("尚未开通订阅。");

        test($(Button.class).id("feed-create")).click();
        String url = $(TextField.class).id("feed-url").getValue();
        assertThat(url).matches("https?://.+/calendar/[A-Za-z0-9_-]{43}\\.ics");
        assertThat($(Button.class).id("feed-copy").isVisible()).isTrue();

        navigate(MyCalendarView.class);
        assertThat($(TextField.class).withId("feed-url").exists()).isFalse();
        assertThat($(Paragraph.class).id("feed-state").getText()).startsWith("订阅地址生成于");

        test($(Button.class).id("feed-revoke")).click();
        test($(Button.class).id(Confirm.OK_ID)).click();
        assertThat($(Paragraph.class).id("feed-state").getText()).isEqualTo("尚未开通订阅。");
        assertThat(feeds.myFeed()).isEmpty();
    }

    @Test
    void an_organizer_without_a_person_record_manages_only_the_unit_feed() {
        users.signIn("organizer");
        cleanVaadinEnvironment();
        initVaadinEnvironment();
        navigate(MyCalendarView.class);
        assertThat($(Div.class).withId("feed").exists()).isFalse();
        assertThat($(Div.class).withId("unit-feed").exists()).isTrue();
    }
}
