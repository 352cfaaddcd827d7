package cn.tongxin.shell;

import cn.tongxin.TestUsers;
import cn.tongxin.ViewTest;
import cn.tongxin.lecture.LectureFixtures;
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
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The home page's card of the lectures I am invited to. */
class HomeLecturesTest extends ViewTest {

    @Autowired LectureService lectures;
    @Autowired LectureFixtures fixtures;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;

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
}
