package cn.tongxin.lecture.ui;

import cn.tongxin.MutableClock;
import cn.tongxin.TestUsers;
import cn.tongxin.ViewTest;
import cn.tongxin.attendance.AttendanceStatus;
import cn.tongxin.base.ui.Confirm;
import cn.tongxin.base.ui.EChart;
import cn.tongxin.lecture.FeedbackQuestion;
import cn.tongxin.lecture.LectureFeedback;
import cn.tongxin.lecture.LectureReport;
import cn.tongxin.lecture.LectureReports;
import cn.tongxin.lecture.PhotoFile;
import cn.tongxin.lecture.ReportDraft;
import cn.tongxin.lecture.ReportFixtures;
import cn.tongxin.lecture.ReportRow;
import cn.tongxin.lecture.ReportStatus;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The report, list, feedback and results pages, each as the role that uses it; hostile text stays text on all of them. */
class LectureReportViewsTest extends ViewTest {

    static final String HOSTILE = "</script><img src=x onerror=alert(1)>";

    @Autowired ReportFixtures fixtures;
    @Autowired LectureReports reports;
    @Autowired LectureFeedback feedback;
    @Autowired TestUsers users;
    @Autowired MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** The mocked request takes its user when the Vaadin environment starts: start it again as this user. */
    private void as(String username) {
        users.signIn(username);
        cleanVaadinEnvironment();
        initVaadinEnvironment();
    }

    @Test
    void a_lecturer_files_the_report_from_its_page_with_a_photo_and_hostile_text_stays_text() {
        ReportFixtures.Held h = fixtures.held("view-file", 2, Duration.ofHours(3));
        fixtures.mark(h, AttendanceStatus.PRESENT, List.of(h.audience().getFirst()));

        as(h.lecturer());
        navigate("lectures/" + h.lectureId() + "/report", LectureReportView.class);
        assertThat($(IntegerField.class).id("report-actual").getValue()).isEqualTo(1);
        test($(TextArea.class).id("report-summary")).setValue(HOSTILE);
        test($(Upload.class).id("report-upload")).upload(HOSTILE + ".png", "image/png", ReportFixtures.png(600, 400));
        test($(Button.class).id("report-submit")).click();

        LectureReport r = reports.report(h.lectureId());
        assertThat(r.status()).isEqualTo(ReportStatus.SUBMITTED);
        assertThat(r.summary()).isEqualTo(HOSTILE);
        assertThat(r.photos()).singleElement().satisfies(p -> assertThat(p.fileName()).isEqualTo(HOSTILE + ".png"));
        // Back on the page: the summary in its field, the photo as a thumbnail named by its file name, as text.
        assertThat($(TextArea.class).id("report-summary").getValue()).isEqualTo(HOSTILE);
        Image thumb = $(Image.class).id("report-photo-" + r.photos().getFirst().id());
        assertThat(thumb.getAlt()).contains(HOSTILE + ".png");
        assertThat($(Span.class).from($(FlexLayout.class).id("report-gallery")).all()).extracting(Span::getText).contains(HOSTILE + ".png");
        assertNoHtml($(FlexLayout.class).id("report-gallery"));
    }

    @Test
    void an_organizer_returns_the_report_with_a_hostile_reason_and_the_lecturer_reads_it_as_text() {
        ReportFixtures.Held h = fixtures.held("view-return", 1, Duration.ofHours(3));
        users.signIn(h.lecturer());
        reports.file(h.lectureId(), new ReportDraft(null, 7, HOSTILE, List.of(new PhotoFile(HOSTILE, ReportFixtures.png(50, 50))),
                Set.of()));

        as("organizer");
        navigate("lectures/" + h.lectureId() + "/report", LectureReportView.class);
        assertThat($(Paragraph.class).id("report-summary-shown").getText()).isEqualTo(HOSTILE);
        assertThat($(Span.class).from($(FlexLayout.class).id("report-gallery")).all()).extracting(Span::getText).contains(HOSTILE);
        test($(Button.class).id("report-return")).click();
        test($(TextArea.class).id(Confirm.REASON_ID)).setValue(HOSTILE);
        test($(Button.class).id(Confirm.OK_ID)).click();
        assertThat(reports.report(h.lectureId()).status()).isEqualTo(ReportStatus.RETURNED);

        as(h.lecturer());
        navigate("lectures/" + h.lectureId() + "/report", LectureReportView.class);
        Div note = $(Div.class).id("report-review-note");
        assertThat($(Span.class).from(note).first().getText()).contains(HOSTILE);
        assertNoHtml(note);
        assertThat($(Button.class).id("report-submit").getText()).isEqualTo(com.vaadin.flow.component.UI.getCurrent().getTranslation("lecture.reports.report.resubmit"));
    }

    @Test
    void the_report_lists_show_each_role_its_part() {
        ReportFixtures.Held filed = fixtures.held("view-list", 0, Duration.ofHours(3));
        users.signIn(filed.lecturer());
        reports.file(filed.lectureId(), new ReportDraft(null, 3, "小结", List.of(), Set.of()));
        ReportFixtures.Held due = fixtures.held("view-due", 0, Duration.ofHours(5));

        as("organizer");
        navigate(LectureReportsView.class);
        assertThat(ids("reports-to-review")).contains(filed.lectureId());
        assertThat(ids("reports-all")).contains(filed.lectureId());

        as("checker");
        navigate(LectureReportsView.class);
        assertThat($(Grid.class).withId("reports-to-review").all()).isEmpty();
        assertThat(ids("reports-all")).contains(filed.lectureId());

        as(due.lecturer());
        navigate(LectureReportsView.class);
        assertThat(ids("reports-due")).contains(due.lectureId());
        assertThat($(Grid.class).withId("reports-all").all()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private List<Long> ids(String gridId) {
        Grid<ReportRow> grid = $(Grid.class).id(gridId);
        return grid.getListDataView().getItems().map(ReportRow::lectureId).toList();
    }

    @Test
    void the_audience_answers_on_the_feedback_page_and_the_results_show_the_comment_as_text() {
        ReportFixtures.Held h = fixtures.held("view-feedback", 1, Duration.ofHours(3));

        as(h.audienceUsers().getFirst());
        LectureFeedbackButton slot = new LectureFeedbackButton(feedback, h.lectureId());
        assertThat(slot.isVisible()).isTrue();
        assertThat(slot.getChildren().map(c -> c.getId().orElse(""))).contains("lecture-feedback-open");

        navigate("lectures/" + h.lectureId() + "/feedback", LectureFeedbackView.class);
        List<FeedbackQuestion> questions = feedback.questions();
        for (FeedbackQuestion q : questions) {
            RadioButtonGroup<Integer> group = $(RadioButtonGroup.class).id("feedback-q-" + q.position());
            test(group).selectItem("4");
        }
        test($(TextArea.class).id("feedback-comment")).setValue(HOSTILE);
        test($(Checkbox.class).id("feedback-anonymous")).click();
        test($(Button.class).id("feedback-submit")).click();
        assertThat($(Div.class).withId("feedback-thanks").all()).hasSize(1);
        assertThat(new LectureFeedbackButton(feedback, h.lectureId()).getChildren().map(c -> c.getId().orElse("")))
                .contains("lecture-feedback-given");

        as("organizer");
        com.vaadin.flow.component.UI.getCurrent().navigate("lecture-feedback",
                QueryParameters.of(LectureFeedbackResultsView.LECTURE, String.valueOf(h.lectureId())));
        assertThat(com.vaadin.flow.component.UI.getCurrent().getCurrentView()).isInstanceOf(LectureFeedbackResultsView.class);
        Div comments = $(Div.class).id("feedback-comments");
        assertThat($(Paragraph.class).from(comments).all()).extracting(Paragraph::getText).containsExactly(HOSTILE);
        assertThat($(Span.class).from(comments).first().getText()).startsWith(com.vaadin.flow.component.UI.getCurrent().getTranslation("lecture.reports.results.anonymous"));
        assertNoHtml(comments);
        Grid<?> table = $(Grid.class).id("feedback-questions");
        assertThat(table.getListDataView().getItemCount()).isEqualTo(questions.size());
        // Both charts get an option ECharts can parse: one bar per question, five stacked series for the ratings.
        List<EChart> charts = $(EChart.class).all();
        assertThat(charts).hasSize(2);
        var mapper = new tools.jackson.databind.ObjectMapper();
        var averages = mapper.readTree(option(charts.get(0)));
        assertThat(averages.at("/yAxis/data").size()).isEqualTo(questions.size());
        assertThat(averages.at("/series/0/data/0").asDouble()).isEqualTo(4.0);
        assertThat(mapper.readTree(option(charts.get(1))).at("/series").size()).isEqualTo(5);
    }

    @Test
    void outside_the_week_or_the_audience_the_feedback_page_says_so() {
        ReportFixtures.Held h = fixtures.held("view-closed", 1, Duration.ofDays(10));
        as(h.audienceUsers().getFirst());
        navigate("lectures/" + h.lectureId() + "/feedback", LectureFeedbackView.class);
        assertThat($(Div.class).withId("feedback-closed").all()).hasSize(1);
        assertThat($(Button.class).withId("feedback-submit").all()).isEmpty();
        assertThat(new LectureFeedbackButton(feedback, h.lectureId()).isVisible()).isFalse();

        String stranger = "fbv-" + UUID.randomUUID().toString().substring(0, 8);
        users.newTrainee(stranger);
        as(stranger);
        navigate("lectures/" + h.lectureId() + "/feedback", LectureFeedbackView.class);
        assertThat($(Div.class).withId("feedback-unavailable").all()).hasSize(1);
    }

    private static String option(EChart chart) {
        try {
            var field = EChart.class.getDeclaredField("optionJson");
            field.setAccessible(true);
            return (String) field.get(chart);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** No element below carries user text as markup. */
    private static void assertNoHtml(Component root) {
        root.getElement().getChildren().forEach(child -> {
            assertThat(child.getProperty("innerHTML")).isNull();
            child.getChildren().forEach(grand -> assertThat(grand.getProperty("innerHTML")).isNull());
        });
        assertThat(root.getElement().getProperty("innerHTML")).isNull();
    }
}
