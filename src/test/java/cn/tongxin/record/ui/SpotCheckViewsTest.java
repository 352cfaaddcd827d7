package cn.tongxin.record.ui;

import cn.tongxin.TestUsers;
import cn.tongxin.ViewTest;
import cn.tongxin.base.ui.Confirm;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.record.ScopeOption;
import cn.tongxin.record.SelfStudyFixtures;
import cn.tongxin.record.SpotCheckFixtures;
import cn.tongxin.record.SpotChecks;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;

import static cn.tongxin.record.SelfStudyFixtures.HOSTILE;
import static org.assertj.core.api.Assertions.assertThat;

/** The spot-check page as a checker who draws and questions and as the organizer who answers; text stays text. */
class SpotCheckViewsTest extends ViewTest {

    @Autowired SpotChecks spotChecks;
    @Autowired SpotCheckFixtures fixtures;
    @Autowired SelfStudyFixtures people;
    @Autowired TestUsers users;

    private void as(String username) {
        users.signIn(username);
        cleanVaadinEnvironment();
        initVaadinEnvironment();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_checker_draws_questions_with_a_hostile_reason_and_the_organizer_reads_it_literally_and_answers() {
        long unit = fixtures.unitUnder("青州市委统战部", "页面");
        SelfStudyFixtures.Person organizer = fixtures.organizer(unit);
        long person = fixtures.person(unit, "抽查页面人");
        long record = fixtures.session(person, Instant.parse("2024-05-01T02:00:00Z"), HOSTILE);
        as(people.checker("sc-view", "青州市委统战部"));
        navigate(SpotCheckView.class);

        ComboBox<ScopeOption> units = $(ComboBox.class).id("spot-unit");
        test(units).selectItem(fixtures.unitName(unit));
        test($(Select.class).id("spot-year")).selectItem("2024");
        test($(IntegerField.class).id("spot-size")).setValue(3);
        test($(Button.class).id("spot-draw")).click();

        Grid<SpotChecks.Item> items = $(Grid.class).id("spot-items-grid");
        List<SpotChecks.Item> rows = items.getListDataView().getItems().toList();
        assertThat(rows).extracting(SpotChecks.Item::recordId).containsExactly(record);
        long item = rows.getFirst().id();
        assertThat(test(items).getCellText(0, 3)).startsWith(HOSTILE);

        test(button(items, 0, "spot-evidence-" + item)).click();
        Dialog dialog = $(Dialog.class).id("spot-evidence-dialog");
        assertThat($(Paragraph.class).from(dialog).all()).extracting(Paragraph::getText)
                .anySatisfy(t -> assertThat(t).contains(HOSTILE));
        assertNoHtml(dialog);
        test($(Button.class).id("spot-evidence-close")).click();

        test(button(items, 0, "spot-question-" + item)).click();
        test($(TextArea.class).id(Confirm.REASON_ID)).setValue(HOSTILE);
        test($(Button.class).id(Confirm.OK_ID)).click();
        items = $(Grid.class).id("spot-items-grid");
        assertThat(test(items).getCellText(0, 5)).isEqualTo(HOSTILE);
        assertThat(buttons(items, 0)).extracting(b -> b.getId().orElse("")).containsExactly("spot-evidence-" + item);

        as(organizer.username());
        navigate(SpotCheckView.class);
        assertThat($(Grid.class).withId("spot-checks-grid").all()).isEmpty();
        Grid<SpotChecks.Item> mine = $(Grid.class).id("spot-mine-grid");
        int row = mine.getListDataView().getItems().map(SpotChecks.Item::id).toList().indexOf(item);
        assertThat(row).isNotNegative();
        assertThat(test(mine).getCellText(row, 4)).isEqualTo(HOSTILE);
        test(button(mine, row, "spot-answer-" + item)).click();
        test($(TextArea.class).id(Confirm.REASON_ID)).setValue(HOSTILE);
        test($(Button.class).id(Confirm.OK_ID)).click();
        mine = $(Grid.class).id("spot-mine-grid");
        row = mine.getListDataView().getItems().map(SpotChecks.Item::id).toList().indexOf(item);
        assertThat(test(mine).getCellText(row, 5)).isEqualTo(HOSTILE);
        assertThat(buttons(mine, row)).extracting(b -> b.getId().orElse("")).containsExactly("spot-evidence-" + item);
    }

    @Test
    void a_checker_and_an_organizer_of_a_unit_with_nothing_drawn_or_questioned_see_empty_states() {
        long unit = fixtures.unitUnder("江口市委统战部", "空");
        // A checker acting for the fresh unit: no spot check is in their subtree yet.
        as(people.checker("sc-empty", fixtures.unitName(unit)));
        navigate(SpotCheckView.class);
        assertThat($(EmptyState.class).id("spot-checks-empty").isVisible()).isTrue();

        as(fixtures.organizer(unit).username());
        navigate(SpotCheckView.class);
        assertThat($(EmptyState.class).id("spot-mine-empty").isVisible()).isTrue();
    }

    /** A button of the row's actions cell (grid cells are rendered on demand, not found by id). */
    private List<Button> buttons(Grid<SpotChecks.Item> grid, int row) {
        return test(grid).getCellComponent(row, "actions").getChildren().map(Button.class::cast).toList();
    }

    private Button button(Grid<SpotChecks.Item> grid, int row, String id) {
        return buttons(grid, row).stream().filter(b -> b.getId().orElse("").equals(id)).findFirst().orElseThrow();
    }

    private static void assertNoHtml(Component root) {
        root.getElement().getChildren().forEach(child -> {
            assertThat(child.getProperty("innerHTML")).isNull();
            child.getChildren().forEach(grand -> assertThat(grand.getProperty("innerHTML")).isNull());
        });
        assertThat(root.getElement().getProperty("innerHTML")).isNull();
    }
}
