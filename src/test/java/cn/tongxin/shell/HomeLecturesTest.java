package cn.tongxin.shell;

import cn.tongxin.TestUsers;
import cn.tongxin.ViewTest;
import cn.tongxin.lecture.LectureFixtures;
import cn.tongxin.lecture.LectureOrders;
import cn.tongxin.lecture.ReportFixtures;
import cn.tongxin.lecture.LectureService;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The home page's card of the lectures I am invited to, and what waits for organizers and lecturers. */
class HomeLecturesTest extends ViewTest {

    @Autowired LectureService lectures;
    @Autowired LectureFixtures fixtures;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired LectureOrders orders;
    @Autowired ReportFixtures reportFixtures;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private void as(long personId) {
        users.signIn(jdbc.sql("select username from account where person_id = :p").param("p", personId)
                .query(String.class).single());
        cleanVaadinEnvironment();
        initVaadinEnvironment();
    }

    @Test
    void an_invitee_sees_the_next_lecture_on_the_home_page_and_it_opens_the_lecture() {
        LectureFixtures.Setup s = fixtures.setup("home");
        users.signIn("organizer");
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        long id = lectures.create(s.lecture("首页宣讲 <b>粗</b>", start, start.plus(Duration.ofHours(2)), null));
        lectures.publish(id, lectures.get(id).version());
        as(s.invitee());

        navigate(HomeView.class);

        Anchor link = $(Anchor.class).id("home-lecture-" + id);
        assertThat(link.getText()).isEqualTo("首页宣讲 <b>粗</b>");
        assertThat(link.getHref()).isEqualTo("lectures/" + id);
        assertThat($(Div.class).id("home-lectures").getElement().getTextRecursively()).contains("尚未答复");
        assertThat($(Anchor.class).id("home-lectures-all").getHref()).isEqualTo("my/lectures");
    }

    @Test
    void somebody_invited_to_nothing_gets_no_lecture_card() {
        as(users.newTrainee("home-none-" + System.nanoTime()));
        navigate(HomeView.class);
        assertThat($(Div.class).withId("home-lectures").exists()).isFalse();
    }

    @Test
    void an_organizer_is_told_of_orders_waiting_for_a_decision_and_a_lecturer_of_a_report_still_due() {
        LectureFixtures.Setup s = fixtures.setup("home-orders");
        users.signIn("qingzhou");
        long city = jdbc.sql("select id from unit where name = '青州市委统战部'").query(Long.class).single();
        orders.order(s.topicId(), city, LocalDate.now().plusDays(20), LocalDate.now().plusDays(30), "首页提醒的听众", 30, null, null);
        users.signIn("organizer");
        cleanVaadinEnvironment();
        initVaadinEnvironment();

        navigate(HomeView.class);

        assertThat($(Div.class).id("home-lecture-orders").getElement().getTextRecursively())
                .contains(orders.waitingCount() + " 个宣讲点单等待您处理");

        ReportFixtures.Held held = reportFixtures.held("home-due", 1, Duration.ofDays(1));
        users.signIn(held.lecturer());
        cleanVaadinEnvironment();
        initVaadinEnvironment();
        navigate(HomeView.class);
        assertThat($(Div.class).id("home-reports-due").getElement().getTextRecursively()).contains("场宣讲的报告尚未填写");
    }
}
