package cn.tongxin.record.ui;

import cn.tongxin.TestUsers;
import cn.tongxin.ViewTest;
import cn.tongxin.base.ui.Confirm;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.record.QueueRow;
import cn.tongxin.record.SelfStudy;
import cn.tongxin.record.SelfStudyEntry;
import cn.tongxin.record.SelfStudyFixtures;
import cn.tongxin.record.SelfStudyStatus;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static cn.tongxin.record.SelfStudyFixtures.HOSTILE;
import static org.assertj.core.api.Assertions.assertThat;

/** The trainee's page and the checker's queue, each as the role that uses it; hostile text stays text on both. */
class SelfStudyViewsTest extends ViewTest {

    @Autowired SelfStudy selfStudy;
    @Autowired SelfStudyFixtures fixtures;
    @Autowired TestUsers users;

    /** The mocked request takes its user when the Vaadin environment starts: start it again as this user. */
    private void as(String username) {
        users.signIn(username);
        cleanVaadinEnvironment();
        initVaadinEnvironment();
    }

    private static int thisYear() {
        return SelfStudyFixtures.draft("x").studiedOn().plusDays(3).getYear();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_trainee_enters_self_study_a_checker_sends_it_back_and_verifies_it_and_hostile_text_stays_text() {
        SelfStudyFixtures.Person t = fixtures.trainee("ssv-flow", null);
        as(t.username());
        navigate(MySelfStudyView.class);
        assertThat($(EmptyState.class).id("self-study-empty").isVisible()).isTrue();
        test($(Button.class).id("self-study-add")).click();
        test($(TextField.class).id("self-study-title")).setValue(HOSTILE);
        test($(BigDecimalField.class).id("self-study-hours")).setValue(new BigDecimal("1.5"));
        test($(TextArea.class).id("self-study-note")).setValue(HOSTILE);
        // A text file named .pdf is refused on arrival and never joins the files to send.
        test($(Upload.class).id("self-study-upload")).upload("假的.pdf", "application/pdf",
                "not a pdf".getBytes(StandardCharsets.UTF_8));
        assertThat($(Span.class).from($(Div.class).id("self-study-pending")).all()).isEmpty();
        test($(Upload.class).id("self-study-upload")).upload(HOSTILE + ".png", "image/png", SelfStudyFixtures.png());
        assertThat($(Span.class).from($(Div.class).id("self-study-pending")).all()).extracting(Span::getText)
                .singleElement().asString().contains(HOSTILE + ".png");
        test($(Button.class).id("self-study-submit")).click();

        SelfStudyEntry entry = selfStudy.mine(thisYear()).getFirst();
        long id = entry.id();
        assertThat(entry.title()).isEqualTo(HOSTILE);
        assertThat(entry.status()).isEqualTo(SelfStudyStatus.PENDING);
        assertThat($(H3.class).id("self-study-entry-title-" + id).getText()).isEqualTo(HOSTILE);
        assertThat($(Paragraph.class).id("self-study-note-" + id).getText()).isEqualTo(HOSTILE);
        long fileId = entry.evidence().getFirst().id();
        assertThat($(Anchor.class).id("self-study-" + id + "-evidence-" + fileId).getText()).isEqualTo(HOSTILE + ".png");
        assertNoHtml($(Div.class).id("self-study-entry-" + id));

        as("checker");
        navigate(SelfStudyQueueView.class);
        Grid<QueueRow> grid = $(Grid.class).id("queue-grid");
        List<QueueRow> rows = grid.getListDataView().getItems().toList();
        int row = rows.stream().map(QueueRow::id).toList().indexOf(id);
        assertThat(row).isNotNegative();
        assertThat(test(grid).getCellText(row, 2)).isEqualTo(HOSTILE);
        test(grid).doubleClickRow(row);
        assertThat($(H3.class).id("detail-title").getText()).isEqualTo(HOSTILE);
        assertThat($(Paragraph.class).id("detail-note").getText()).isEqualTo(HOSTILE);
        assertThat($(Anchor.class).id("detail-evidence-" + fileId).getText()).isEqualTo(HOSTILE + ".png");
        assertThat($(Image.class).id("detail-preview-" + fileId).getAlt()).contains(HOSTILE + ".png");
        assertNoHtml($(Div.class).id("detail-evidence"));
        test($(Button.class).id("detail-return")).click();
        test($(TextArea.class).id(Confirm.REASON_ID)).setValue(HOSTILE);
        test($(Button.class).id(Confirm.OK_ID)).click();
        assertThat(selfStudy.entry(id).status()).isEqualTo(SelfStudyStatus.RETURNED);
        assertThat(grid.getListDataView().getItems().map(QueueRow::id).toList()).doesNotContain(id);

        as(t.username());
        navigate(MySelfStudyView.class);
        Div reason = $(Div.class).id("self-study-reason-" + id);
        assertThat($(Span.class).from(reason).first().getText()).contains(HOSTILE);
        assertNoHtml(reason);
        assertThat($(Span.class).id("self-study-status-" + id).getText())
                .isEqualTo(UI.getCurrent().getTranslation("record.selfstudy.status.RETURNED"));
        test($(Button.class).id("self-study-resubmit-" + id)).click();
        assertThat($(TextField.class).id("self-study-title").getValue()).isEqualTo(HOSTILE);
        test($(TextField.class).id("self-study-title")).setValue("改过的题目");
        test($(Button.class).id("self-study-submit")).click();
        assertThat(selfStudy.entry(id).status()).isEqualTo(SelfStudyStatus.PENDING);

        as("organizer");
        navigate(SelfStudyQueueView.class);
        grid = $(Grid.class).id("queue-grid");
        row = grid.getListDataView().getItems().map(QueueRow::id).toList().indexOf(id);
        test(grid).doubleClickRow(row);
        assertThat($(Span.class).id("detail-read-only").isVisible()).isTrue();
        assertThat($(Button.class).withId("detail-verify").all()).isEmpty();

        as("checker");
        navigate(SelfStudyQueueView.class);
        grid = $(Grid.class).id("queue-grid");
        row = grid.getListDataView().getItems().map(QueueRow::id).toList().indexOf(id);
        test(grid).doubleClickRow(row);
        test($(Button.class).id("detail-verify")).click();
        assertThat(selfStudy.entry(id).status()).isEqualTo(SelfStudyStatus.VERIFIED);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_city_checker_sees_only_their_citys_queue_and_an_empty_state_when_nothing_waits() {
        SelfStudyFixtures.Person far = fixtures.trainee("ssv-far", "江口市委统战部");
        users.signIn(far.username());
        long farId = selfStudy.submit(SelfStudyFixtures.draft("江口的"), List.of());
        SelfStudyFixtures.Person near = fixtures.trainee("ssv-near", "临河县委统战部");
        users.signIn(near.username());
        long nearId = selfStudy.submit(SelfStudyFixtures.draft("临河的"), List.of());

        as(fixtures.checker("ssv-qz", "青州市委统战部"));
        navigate(SelfStudyQueueView.class);
        Grid<QueueRow> grid = $(Grid.class).id("queue-grid");
        assertThat(grid.getListDataView().getItems().map(QueueRow::id).toList()).contains(nearId).doesNotContain(farId);
        Select<Integer> year = $(Select.class).id("queue-year");
        test(year).selectItem(String.valueOf(thisYear() - MySelfStudyView.YEARS + 1));
        assertThat($(EmptyState.class).id("queue-empty").isVisible()).isTrue();
        assertThat(grid.isVisible()).isFalse();
    }

    private static void assertNoHtml(Component root) {
        root.getElement().getChildren().forEach(child -> {
            assertThat(child.getProperty("innerHTML")).isNull();
            child.getChildren().forEach(grand -> assertThat(grand.getProperty("innerHTML")).isNull());
        });
        assertThat(root.getElement().getProperty("innerHTML")).isNull();
    }
}
