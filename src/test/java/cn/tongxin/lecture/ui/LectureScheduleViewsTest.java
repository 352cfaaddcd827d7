package cn.tongxin.lecture.ui;

import cn.tongxin.Application;
import cn.tongxin.TestUsers;
import cn.tongxin.ViewTest;
import cn.tongxin.base.ui.Confirm;
import cn.tongxin.lecture.LectureChoices.TopicChoice;
import cn.tongxin.lecture.LectureDetail;
import cn.tongxin.lecture.LectureFixtures;
import cn.tongxin.lecture.LectureService;
import cn.tongxin.lecture.LectureStatus;
import cn.tongxin.people.PersonOption;
import cn.tongxin.people.PersonService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.RouterLink;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LectureScheduleViewsTest extends ViewTest {

    static final String HOSTILE = "</script><img src=x onerror=alert(1)>";

    @Autowired LectureService lectures;
    @Autowired LectureFixtures fixtures;
    @Autowired PersonService people;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;

    /** A time of day well ahead, on a day of its own, so that nothing else of the test's lecturer or venue is there. */
    private static LocalDateTime at(LocalDate day, int hour) {
        return day.atTime(LocalTime.of(hour, 0));
    }

    private static Instant instant(LocalDateTime t) {
        return t.atZone(Application.ZONE).toInstant();
    }

    @SuppressWarnings("unchecked")
    private void fillForm(LectureFixtures.Setup s, String title, LocalDateTime start) {
        ComboBox<TopicChoice> topic = $(ComboBox.class).id("lecture-topic");
        topic.setValue(topic.getListDataView().getItems().filter(t -> t.id() == s.topicId()).findFirst().orElseThrow());
        test($(TextField.class).id("lecture-title")).setValue(title);
        MultiSelectComboBox<PersonOption> lecturers = $(MultiSelectComboBox.class).id("lecture-lecturers");
        lecturers.select(lecturers.getListDataView().getItems().filter(p -> p.id() == s.lecturerId()).findFirst().orElseThrow());
        test($(DateTimePicker.class).id("lecture-start")).setValue(start);
        MultiSelectComboBox<PersonOption> named = $(MultiSelectComboBox.class).id("lecture-audience-people");
        named.setValue(Set.copyOf(people.options(Set.of(s.invitee()))));
    }

    private long lectureTitled(String title) {
        return jdbc.sql("select id from lecture where title = :t").param("t", title).query(Long.class).single();
    }

    @Test
    @WithUserDetails("organizer")
    void an_organizer_creates_a_lecture_in_the_form_and_publishes_it_to_its_audience() {
        LectureFixtures.Setup s = fixtures.setup("view-publish");
        String title = "界面宣讲 " + System.nanoTime();
        LocalDateTime start = at(LocalDate.now(clock).plusDays(40), 9);
        navigate(LectureFormView.class);
        fillForm(s, title, start);
        // The end follows the start, two hours later.
        assertThat($(DateTimePicker.class).id("lecture-end").getValue()).isEqualTo(start.plusHours(2));
        assertThat($(Div.class).withId("lecture-clashes").all()).as("no clash shown").isEmpty();

        test($(Button.class).id("lecture-publish")).click();
        test($(Button.class).id(Confirm.OK_ID)).click();

        LectureDetail saved = lectures.get(lectureTitled(title));
        assertThat(saved.status()).isEqualTo(LectureStatus.PUBLISHED);
        assertThat(saved.data().startsAt()).isEqualTo(instant(start));
        assertThat(saved.data().lecturerIds()).containsExactly(s.lecturerId());
        assertThat(saved.invited()).isEqualTo(1);
        assertThat(getCurrentView()).isInstanceOf(LectureView.class);
        assertThat($(H2.class).id("lecture-heading").getText()).isEqualTo(title);
        assertThat($(Span.class).id("lecture-count-invited").getText()).isEqualTo("1");
        assertThat($(com.vaadin.flow.component.html.Anchor.class).id("lecture-door").getHref())
                .isEqualTo("attendance/door/LECTURE/" + saved.id());
        assertThat($(Div.class).id("lecture-answer-slot")).isNotNull();
        assertThat($(Div.class).id("lecture-report-slot")).isNotNull();
        assertThat($(Div.class).id("lecture-feedback-slot")).isNotNull();
    }

    @Test
    @WithUserDetails("organizer")
    void the_form_names_the_clash_of_the_lecturer_before_saving_and_saving_it_is_refused() {
        LectureFixtures.Setup s = fixtures.setup("view-clash");
        LocalDateTime start = at(LocalDate.now(clock).plusDays(41), 14);
        String first = "先排的宣讲 " + System.nanoTime();
        lectures.create(s.lecture(first, instant(start), instant(start.plusHours(2)), null));

        navigate(LectureFormView.class);
        String title = "后排的宣讲 " + System.nanoTime();
        fillForm(s, title, start.plusHours(1));

        Div clashes = $(Div.class).id("lecture-clashes");
        assertThat(clashes.isVisible()).isTrue();
        String said = clashes.getElement().getTextRecursively();
        assertThat(said).contains("宣讲员" + "view-clash").contains(first).contains(start.toLocalTime().toString());

        test($(Button.class).id("lecture-save")).click();
        assertThat(test($(Notification.class).last()).getText())
                .isEqualTo("保存未成功：宣讲员在这段时间已有另一场宣讲（可能刚被其他人安排）。");
        assertThat(jdbc.sql("select count(*) from lecture where title = :t").param("t", title).query(Long.class).single()).isZero();

        // Moved after the first one, the warning goes and the lecture is saved.
        test($(DateTimePicker.class).id("lecture-start")).setValue(start.plusHours(2));
        assertThat(clashes.isVisible()).isFalse();
        test($(Button.class).id("lecture-save")).click();
        assertThat(lectures.get(lectureTitled(title)).status()).isEqualTo(LectureStatus.PLANNED);
    }

    @Test
    @WithUserDetails("organizer")
    void the_month_shows_a_lecture_with_a_hostile_title_as_text_and_a_click_opens_its_page() {
        LectureFixtures.Setup s = fixtures.setup("view-month");
        LocalDate day = LocalDate.now(clock).plusMonths(1).withDayOfMonth(15);
        String title = HOSTILE + System.nanoTime();
        long id = lectures.create(s.lecture(title, instant(at(day, 10)), instant(at(day, 12)), s.venueId()));

        navigate(LectureCalendarView.class);
        @SuppressWarnings("unchecked")
        ComboBox<TopicChoice> topic = $(ComboBox.class).id("calendar-topic");
        topic.setValue(topic.getListDataView().getItems().filter(t -> t.id() == s.topicId()).findFirst().orElseThrow());
        assertThat($(Div.class).withId("calendar-day-" + day).all()).isEmpty();
        test($(Button.class).id("calendar-next")).click();

        Div cell = $(Div.class).id("calendar-day-" + day);
        RouterLink chip = $(RouterLink.class, cell).id("calendar-lecture-" + id);
        assertThat($(Span.class, chip).withClassName("lecture-chip-title").single().getText()).isEqualTo(title);
        assertThat(chip.getElement().getProperty("innerHTML")).isNull();
        test(chip).click();

        assertThat(getCurrentView()).isInstanceOf(LectureView.class);
        assertThat($(H2.class).id("lecture-heading").getText()).isEqualTo(title);
        assertThat($(Span.class).id("lecture-status").getText()).isEqualTo("计划中");
        assertThat($(Button.class).id("lecture-publish").isVisible()).isTrue();

        // Back to the calendar, at the lecture's month.
        test($(Button.class).id("lecture-to-calendar")).click();
        assertThat(getCurrentView()).isInstanceOf(LectureCalendarView.class);
        assertThat($(Div.class).withId("calendar-day-" + day).all()).hasSize(1);

        // The list shows the same lecture as a row.
        navigate(LectureCalendarView.class);
        topic = $(ComboBox.class).id("calendar-topic");
        topic.setValue(topic.getListDataView().getItems().filter(t -> t.id() == s.topicId()).findFirst().orElseThrow());
        test($(com.vaadin.flow.component.tabs.Tabs.class).id("calendar-mode")).select(2);
        test($(Button.class).id("calendar-next")).click();
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.grid.Grid<cn.tongxin.lecture.LectureRow> list = $(com.vaadin.flow.component.grid.Grid.class).id("calendar-list");
        assertThat(test(list).size()).isEqualTo(1);
        assertThat(test(list).getRow(0).title()).isEqualTo(title);
    }

    @Test
    @WithUserDetails("trainee")
    void a_trainee_who_is_not_invited_does_not_see_a_planned_lecture() {
        users.signIn("organizer");
        LectureFixtures.Setup s = fixtures.setup("view-trainee");
        LocalDate day = LocalDate.now(clock).plusDays(1);
        long id = lectures.create(s.lecture("未发布的宣讲 " + System.nanoTime(), instant(at(day, 15)), instant(at(day, 17)), null));
        users.signIn("trainee");

        navigate("lectures/" + id, LectureView.class);
        assertThat($(Div.class).withId("lecture-unavailable").all()).hasSize(1);
        assertThat($(H2.class).withId("lecture-heading").all()).isEmpty();

        navigate(LectureCalendarView.class);
        if (day.getMonth() != LocalDate.now(clock).getMonth()) {
            test($(Button.class).id("calendar-next")).click();
        }
        assertThat($(RouterLink.class).withId("calendar-lecture-" + id).all()).isEmpty();
        assertThat($(Button.class).withId("calendar-new").all()).isEmpty();
    }

    @Test
    @WithUserDetails("qingzhou")
    void a_city_organizer_cannot_open_the_form_of_a_province_lecture() {
        users.signIn("organizer");
        LectureFixtures.Setup s = fixtures.setup("view-city");
        LocalDate day = LocalDate.now(clock).plusDays(42);
        long id = lectures.create(s.lecture("省里的宣讲 " + System.nanoTime(), instant(at(day, 9)), instant(at(day, 11)), null));
        lectures.publish(id, lectures.get(id).version());
        users.signIn("qingzhou");

        navigate("lectures/" + id + "/edit", LectureFormView.class);
        assertThat($(Div.class).id("lecture-form-unavailable").isVisible()).isTrue();
        assertThat($(Button.class).withId("lecture-save").all()).as("no form to save").isEmpty();

        // The published province lecture reaches the city, to read only.
        navigate("lectures/" + id, LectureView.class);
        assertThat($(H2.class).id("lecture-heading").getText()).startsWith("省里的宣讲");
        assertThat($(Button.class).withId("lecture-edit").all()).isEmpty();
        assertThat($(Button.class).withId("lecture-cancel").all()).isEmpty();
    }

    @Test
    @WithUserDetails("organizer")
    void hostile_place_and_cancel_reason_and_the_title_of_a_clashing_lecture_stay_text() {
        LectureFixtures.Setup s = fixtures.setup("view-hostile");
        LocalDateTime start = at(LocalDate.now(clock).plusDays(43), 9);
        String first = HOSTILE + " 先 " + System.nanoTime();
        lectures.create(s.lecture(first, instant(start), instant(start.plusHours(2)), null));

        navigate(LectureFormView.class);
        fillForm(s, "另一场 " + System.nanoTime(), start);
        Div clashes = $(Div.class).id("lecture-clashes");
        assertThat(clashes.getElement().getTextRecursively()).contains("“" + first + "”");

        String title = HOSTILE + " 后 " + System.nanoTime();
        test($(TextField.class).id("lecture-title")).setValue(title);
        test($(TextField.class).id("lecture-place")).setValue(HOSTILE);
        test($(DateTimePicker.class).id("lecture-start")).setValue(start.plusHours(3));
        test($(Button.class).id("lecture-publish")).click();
        test($(Button.class).id(Confirm.OK_ID)).click();
        assertThat($(Span.class).id("lecture-where").getText()).isEqualTo(HOSTILE);

        test($(Button.class).id("lecture-cancel")).click();
        test($(com.vaadin.flow.component.textfield.TextArea.class).id(Confirm.REASON_ID)).setValue(HOSTILE);
        test($(Button.class).id(Confirm.OK_ID)).click();

        LectureDetail cancelled = lectures.get(lectureTitled(title));
        assertThat(cancelled.status()).isEqualTo(LectureStatus.CANCELLED);
        assertThat(cancelled.cancelReason()).isEqualTo(HOSTILE);
        assertThat($(Span.class).id("lecture-cancel-reason").getText()).isEqualTo("已取消。原因：" + HOSTILE);
        assertThat($(H2.class).id("lecture-heading").getText()).isEqualTo(title);
        assertThat($(Button.class).withId("lecture-edit").all()).isEmpty();
    }

    @Test
    @WithUserDetails("organizer")
    void saving_over_a_change_made_meanwhile_by_someone_else_is_refused_and_overwrites_nothing() {
        LectureFixtures.Setup s = fixtures.setup("view-version");
        LocalDateTime start = at(LocalDate.now(clock).plusDays(44), 9);
        long id = lectures.create(s.lecture("版本 " + System.nanoTime(), instant(start), instant(start.plusHours(2)), null));

        navigate("lectures/" + id + "/edit", LectureFormView.class);
        assertThat($(DateTimePicker.class).id("lecture-start").getValue()).isEqualTo(start);
        // Someone else moves it while the form is open.
        LectureDetail before = lectures.get(id);
        lectures.update(id, before.version(), before.data().at(instant(start.plusHours(4)), instant(start.plusHours(6))));

        test($(TextField.class).id("lecture-title")).setValue("我的改动");
        test($(Button.class).id("lecture-save")).click();

        assertThat(test($(Notification.class).last()).getText()).isEqualTo("该记录刚被他人修改，请刷新后重试。");
        LectureDetail after = lectures.get(id);
        assertThat(after.data().title()).startsWith("版本 ");
        assertThat(after.data().startsAt()).isEqualTo(instant(start.plusHours(4)));
    }

    @Test
    @WithUserDetails("organizer")
    void a_full_day_of_the_month_shows_three_lectures_and_opens_its_week_with_all_of_them_in_time_order() {
        LectureFixtures.Setup s = fixtures.setup("view-week");
        LocalDate day = LocalDate.now(clock).plusMonths(1).withDayOfMonth(10);
        java.util.List<Long> ids = new java.util.ArrayList<>();
        for (int hour : new int[]{15, 9, 13, 11}) {
            ids.add(lectures.create(s.lecture("第" + hour + "点", instant(at(day, hour)), instant(at(day, hour + 2)), null)));
        }

        navigate(LectureCalendarView.class);
        @SuppressWarnings("unchecked")
        ComboBox<TopicChoice> topic = $(ComboBox.class).id("calendar-topic");
        topic.setValue(topic.getListDataView().getItems().filter(t -> t.id() == s.topicId()).findFirst().orElseThrow());
        test($(Button.class).id("calendar-next")).click();
        Div cell = $(Div.class).id("calendar-day-" + day);
        assertThat($(RouterLink.class, cell).all()).hasSize(LectureCalendarView.CHIPS_PER_DAY);
        Button more = $(Button.class, cell).id("calendar-more-" + day);
        assertThat(more.getText()).isEqualTo("还有 1 场");

        test(more).click();
        assertThat($(Div.class).withId("calendar-week").all()).hasSize(1);
        Div column = $(Div.class).id("calendar-day-" + day);
        assertThat($(RouterLink.class, column).all()).extracting(l -> l.getId().orElseThrow())
                .containsExactly("calendar-lecture-" + ids.get(1), "calendar-lecture-" + ids.get(3),
                        "calendar-lecture-" + ids.get(2), "calendar-lecture-" + ids.get(0));
    }
}
