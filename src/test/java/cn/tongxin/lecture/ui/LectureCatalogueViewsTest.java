package cn.tongxin.lecture.ui;

import cn.tongxin.TestUsers;
import cn.tongxin.ViewTest;
import cn.tongxin.lecture.LectureCatalogue;
import cn.tongxin.lecture.LectureData;
import cn.tongxin.lecture.LectureFixtures;
import cn.tongxin.lecture.LectureService;
import cn.tongxin.lecture.LecturerData;
import cn.tongxin.lecture.LecturerRow;
import cn.tongxin.lecture.MaterialRow;
import cn.tongxin.lecture.TopicData;
import cn.tongxin.lecture.TopicRow;
import cn.tongxin.lecture.VenueData;
import cn.tongxin.lecture.VenueRow;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

class LectureCatalogueViewsTest extends ViewTest {

    static final String HOSTILE = "</script><img src=x onerror=alert(1)>";
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D};

    @Autowired LectureCatalogue catalogue;
    @Autowired LectureService lectures;
    @Autowired LectureFixtures fixtures;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;

    static byte[] pdf(String text) {
        return ("%PDF-1.4\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
    }

    private long provinceId() {
        return jdbc.sql("select id from unit where parent_id is null").query(Long.class).single();
    }

    private void openTab(int index) {
        test($(TabSheet.class).id("catalogue-tabs")).select(index);
    }

    @SuppressWarnings("unchecked")
    private <T> Grid<T> grid(String id) {
        return (Grid<T>) $(Grid.class).id(id);
    }

    private static <T> int rowOf(Grid<T> grid, java.util.function.Predicate<T> which) {
        List<T> items = grid.getListDataView().getItems().toList();
        for (int i = 0; i < items.size(); i++) {
            if (which.test(items.get(i))) {
                return i;
            }
        }
        throw new AssertionError("row not in the grid");
    }

    /** The materials button of the topic's row (a component column: rendered per row, not found by id). */
    private void openMaterials(long topic) {
        Grid<TopicRow> grid = grid("topics-grid");
        test((Button) test(grid).getCellComponent(rowOf(grid, t -> t.id() == topic), 5)).click();
    }

    @Test
    @WithUserDetails("organizer")
    void an_organizer_creates_a_topic_and_hostile_title_and_summary_show_as_text_in_the_grid() {
        navigate(LectureCatalogueView.class);
        openTab(2);
        test($(Button.class).id("topic-new")).click();
        String title = HOSTILE + System.nanoTime();
        test($(TextField.class).id("topic-title")).setValue(title);
        test($(TextArea.class).id("topic-summary")).setValue(HOSTILE);
        test($(DatePicker.class).id("topic-to")).setValue(LocalDate.now().plusMonths(3));
        test($(Button.class).id("topic-save")).click();

        TopicRow saved = catalogue.topics(false).stream().filter(t -> t.title().equals(title)).findFirst().orElseThrow();
        assertThat(saved.summary()).isEqualTo(HOSTILE);
        Grid<TopicRow> grid = grid("topics-grid");
        int row = rowOf(grid, t -> t.id() == saved.id());
        assertThat(test(grid).getCellText(row, 0)).isEqualTo(title);
        assertThat(test(grid).getCellText(row, 1)).isEqualTo(HOSTILE);
    }

    @Test
    @WithUserDetails("organizer")
    void a_hostile_profile_and_venue_name_show_as_text_in_their_grids() {
        long person = users.newTrainee("hostile-lecturer-" + System.nanoTime());
        catalogue.addLecturer(person, new LecturerData(HOSTILE, HOSTILE, true));
        String venueName = HOSTILE + System.nanoTime();
        long venue = catalogue.createVenue(new VenueData(venueName, HOSTILE, 50, provinceId(), true));

        navigate(LectureCatalogueView.class);
        Grid<LecturerRow> lecturers = grid("lecturers-grid");
        int l = rowOf(lecturers, r -> r.personId() == person);
        assertThat(test(lecturers).getCellText(l, 2)).isEqualTo(HOSTILE);
        assertThat(test(lecturers).getCellText(l, 3)).isEqualTo(HOSTILE);
        openTab(3);
        Grid<VenueRow> venues = grid("venues-grid");
        int v = rowOf(venues, r -> r.id() == venue);
        assertThat(test(venues).getCellText(v, 0)).isEqualTo(venueName);
        assertThat(test(venues).getCellText(v, 1)).isEqualTo(HOSTILE);
    }

    @Test
    @WithUserDetails("organizer")
    void an_organizer_uploads_a_pdf_a_fake_pdf_is_refused_with_the_message_and_the_pdf_downloads_as_uploaded() throws Exception {
        long topic = catalogue.createTopic(new TopicData("资料界面 " + System.nanoTime(), null, provinceId(), LocalDate.now(),
                LocalDate.now().plusDays(30), false, BigDecimal.ONE));
        navigate(LectureCatalogueView.class);
        openTab(2);
        openMaterials(topic);

        String hostileName = HOSTILE + ".pdf";
        byte[] content = pdf("界面上传");
        test($(Upload.class).id("material-upload")).upload(hostileName, "application/pdf", content);
        roundTrip();
        Grid<MaterialRow> grid = grid("materials-grid");
        assertThat(test(grid).size()).isEqualTo(1);
        assertThat(test(grid).getCellText(0, 0)).isEqualTo(hostileName);

        test($(Upload.class).id("material-upload")).upload("图片.pdf", "application/pdf", PNG);
        roundTrip();
        assertThat(test($(Notification.class).last()).getText())
                .isEqualTo("“图片.pdf”未上传：文件内容不是 PDF 文件（类型按内容检查，而不只看扩展名）。请上传真正的 PDF 文件。");
        assertThat(catalogue.materials(topic)).hasSize(1);

        HorizontalLayout actions = (HorizontalLayout) test(grid("materials-grid")).getCellComponent(0, 3);
        Anchor link = (Anchor) actions.getChildren().filter(Anchor.class::isInstance).findFirst().orElseThrow();
        assertThat(link.getText()).isEqualTo(hostileName);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        test(link).download(out);
        assertThat(out.toByteArray()).isEqualTo(content);
    }

    @Test
    @WithUserDetails("qingzhou")
    void a_city_organizer_sees_a_province_topic_without_being_able_to_open_its_form() {
        users.signIn("organizer");
        long topic = catalogue.createTopic(new TopicData("省级只读 " + System.nanoTime(), null, provinceId(), LocalDate.now(),
                LocalDate.now().plusDays(30), false, BigDecimal.ONE));
        users.signIn("qingzhou");
        navigate(LectureCatalogueView.class);
        openTab(2);
        Grid<TopicRow> grid = grid("topics-grid");

        test(grid).clickRow(rowOf(grid, t -> t.id() == topic));

        assertThat($(TextField.class).all()).noneMatch(f -> "topic-title".equals(f.getId().orElse(null)));
        openMaterials(topic);
        assertThat($(Upload.class).all()).isEmpty();
    }

    @Test
    @WithUserDetails("lecturer")
    void the_lecturer_page_lists_my_lectures_and_the_report_due_of_one_that_is_over() {
        long me = users.signIn("lecturer");
        users.signIn("organizer");
        jdbc.sql("insert into lecturer (person_id) values (:p) on conflict do nothing").param("p", me).update();
        LectureFixtures.Setup base = fixtures.setup("my-" + System.nanoTime());
        LectureFixtures.Setup s = new LectureFixtures.Setup(base.provinceId(), me, base.topicId(), base.venueId(), base.invitee());
        long material = catalogue.addMaterial(s.topicId(), "我的讲稿.pdf", pdf("my"));
        ThreadLocalRandom r = ThreadLocalRandom.current();
        // Times of their own, away from the demo's weeks around today and from other tests' lectures of this lecturer.
        Instant past = Instant.now().minus(Duration.ofDays(60 + r.nextInt(500))).truncatedTo(ChronoUnit.HOURS)
                .plus(Duration.ofMinutes(r.nextInt(50)));
        Instant future = Instant.now().plus(Duration.ofDays(60 + r.nextInt(280))).truncatedTo(ChronoUnit.HOURS)
                .plus(Duration.ofMinutes(r.nextInt(50)));
        LectureData held = s.lecture("讲过的 " + HOSTILE, past, past.plus(Duration.ofMinutes(90)), null);
        long over = lectures.create(held);
        lectures.publish(over, lectures.get(over).version());
        long coming = lectures.create(s.lecture("将要讲的", future, future.plus(Duration.ofMinutes(90)), null));
        users.signIn("lecturer");

        navigate(MyLecturingView.class);

        Anchor due = $(Anchor.class).id("report-due-" + over);
        assertThat(test(due).getHref()).isEqualTo("lectures/" + over + "/report");
        Grid<cn.tongxin.lecture.LectureRow> upcoming = grid("my-upcoming-grid");
        Anchor open = (Anchor) test(upcoming).getCellComponent(rowOf(upcoming, l -> l.id() == coming), 0);
        assertThat(open.getHref()).isEqualTo("lectures/" + coming);
        Grid<cn.tongxin.lecture.LectureRow> pastGrid = grid("my-past-grid");
        Anchor openPast = (Anchor) test(pastGrid).getCellComponent(rowOf(pastGrid, l -> l.id() == over), 0);
        assertThat(openPast.getText()).isEqualTo("讲过的 " + HOSTILE);
        Grid<MaterialRow> materials = grid("my-materials-grid");
        Component link = test(materials).getCellComponent(rowOf(materials, m -> m.id() == material), 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        test((Anchor) link).download(out);
        assertThat(out.toByteArray()).isEqualTo(pdf("my"));

        // The topics current now, with their materials to read (no upload for a lecturer).
        Grid<TopicRow> topics = grid("my-topics-grid");
        test((Button) test(topics).getCellComponent(rowOf(topics, t -> t.id() == s.topicId()), 3)).click();
        Grid<MaterialRow> inDialog = grid("materials-grid");
        assertThat(test(inDialog).size()).isEqualTo(1);
        assertThat(test(inDialog).getCellText(0, 0)).isEqualTo("我的讲稿.pdf");
        assertThat($(Upload.class).all()).isEmpty();
    }
}
