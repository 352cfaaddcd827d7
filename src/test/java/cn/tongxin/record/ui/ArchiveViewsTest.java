package cn.tongxin.record.ui;

import cn.tongxin.Application;
import cn.tongxin.TestUsers;
import cn.tongxin.ViewTest;
import cn.tongxin.attendance.AttendanceStatus;
import cn.tongxin.attendance.OccasionRef;
import cn.tongxin.attendance.SignInService;
import cn.tongxin.lecture.LectureFixtures;
import cn.tongxin.lecture.LectureService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiveViewsTest extends ViewTest {

    private static final String HOSTILE = "</script><img src=x onerror=alert(1)>";

    @Autowired LectureService lectures;
    @Autowired LectureFixtures fixtures;
    @Autowired SignInService signIn;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private void as(String username) {
        users.signIn(username);
        cleanVaadinEnvironment();
        initVaadinEnvironment();
    }

    private String account(long personId) {
        return jdbc.sql("select username from account where person_id = :p").param("p", personId).query(String.class).single();
    }

    /** An invitee present at a lecture titled {@code title}; returns the invitee and the record's id. */
    private long[] attended(String tag, String title) {
        users.signIn("organizer");
        LectureFixtures.Setup s = fixtures.setup(tag + System.nanoTime());
        Instant start = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        long id = lectures.create(s.lecture(title, start, start.plus(Duration.ofHours(1)), null));
        lectures.publish(id, lectures.get(id).version());
        signIn.mark(new OccasionRef("LECTURE", id), List.of(s.invitee()), AttendanceStatus.PRESENT, "门口登记");
        long record = jdbc.sql("select id from study_record where person_id = :p and source_id = :l")
                .param("p", s.invitee()).param("l", id).query(Long.class).single();
        return new long[]{s.invitee(), record};
    }

    @Test
    void my_archive_shows_the_years_hours_and_a_hostile_lecture_title_as_text() {
        long[] a = attended("view-hostile-", HOSTILE);
        as(account(a[0]));
        navigate(MyArchiveView.class);

        int year = Instant.now().atZone(Application.ZONE).getYear();
        assertThat($(Select.class).id("archive-year").getValue()).isEqualTo(year);
        assertThat($(Span.class).id("archive-hours").getText()).isEqualTo(year + " 年计入学时：2");
        assertThat($(Span.class).id("archive-title-" + a[1]).getText()).isEqualTo(HOSTILE);
        assertThat($(Div.class).id("archive-lectures").getElement().getOuterHTML()).doesNotContain("<img");
        assertThat($(Span.class).id("archive-counts-" + a[1]).getText()).isEqualTo("计入学时");
    }

    @Test
    void somebody_with_no_records_sees_the_empty_state() {
        long person = users.newTrainee("archive-view-none-" + System.nanoTime());
        as(account(person));
        navigate(MyArchiveView.class);
        assertThat($(Div.class).id("archive-empty").getElement().getTextRecursively()).contains("这一年还没有学习记录");
    }

    @Test
    void an_organizer_opens_a_persons_archive_in_scope_and_a_city_organizer_gets_nothing_of_the_province() {
        long[] a = attended("view-person-", "档案页宣讲");
        as("organizer");
        navigate("records/person/" + a[0], PersonArchiveView.class);
        assertThat($(H2.class).id("archive-person").getText()).startsWith("学员lect-view-person-");
        assertThat($(Span.class).id("archive-title-" + a[1]).getText()).isEqualTo("档案页宣讲");

        as("qingzhou");
        navigate("records/person/" + a[0], PersonArchiveView.class);
        assertThat($(Div.class).id("archive-unavailable").isVisible()).isTrue();
        assertThat($(Span.class).all().stream().map(Span::getText)).doesNotContain("档案页宣讲");
    }

    @Test
    void a_checker_verifies_the_provinces_chain_of_this_year_as_intact() {
        long[] a = attended("view-chain-", "校验页宣讲");
        long unit = jdbc.sql("select unit_id from person where id = :p").param("p", a[0]).query(Long.class).single();
        as("checker");
        navigate(ChainView.class);
        @SuppressWarnings("unchecked")
        ComboBox<cn.tongxin.people.UnitRef> units = $(ComboBox.class).id("chain-unit");
        units.setValue(units.getListDataView().getItems().filter(u -> u.id() == unit).findFirst().orElseThrow());
        test($(Button.class).id("chain-verify")).click();
        assertThat($(Span.class).id("chain-result").getText()).startsWith("完整：共 ");
    }
}
