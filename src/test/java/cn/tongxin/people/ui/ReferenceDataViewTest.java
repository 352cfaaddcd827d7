package cn.tongxin.people.ui;

import cn.tongxin.ViewTest;
import cn.tongxin.people.ReferenceDataService;
import cn.tongxin.people.ReferenceItem;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@WithUserDetails("admin")
class ReferenceDataViewTest extends ViewTest {

    @Autowired
    ReferenceDataService reference;

    @Test
    void the_lists_show_the_sectors_and_parties_of_the_domain() {
        navigate(ReferenceDataView.class);

        assertThat(items("sector-grid")).extracting(ReferenceItem::name).contains("民主党派成员", "无党派人士", "其他");
        test($(TabSheet.class).id("reference-tabs")).select(1);
        assertThat(items("party-grid")).extracting(ReferenceItem::shortName).contains("民革", "九三学社", "台盟");
    }

    @Test
    void an_administrator_adds_a_sector_edits_it_and_deactivates_it() {
        String name = "测试类别" + UUID.randomUUID().toString().substring(0, 6);
        navigate(ReferenceDataView.class);

        test($(Button.class).id("sector-add")).click();
        test($(TextField.class).id("reference-name")).setValue(name);
        test($(Button.class).id("sector-save")).click();
        ReferenceItem added = reference.sectors().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        assertThat(added.active()).isTrue();
        assertThat(items("sector-grid")).contains(added);

        test(rowButton("sector-grid", "sector-edit-" + added.id())).click();
        test($(TextField.class).id("reference-name")).setValue(name + "甲");
        test($(IntegerField.class).id("reference-sort-order")).setValue(5);
        test($(Button.class).id("sector-save")).click();
        test(rowButton("sector-grid", "sector-toggle-" + added.id())).click();

        ReferenceItem changed = reference.sectors().stream().filter(s -> s.id() == added.id()).findFirst().orElseThrow();
        assertThat(changed.name()).isEqualTo(name + "甲");
        assertThat(changed.sortOrder()).isEqualTo(5);
        assertThat(changed.active()).isFalse();
    }

    @Test
    void an_administrator_adds_a_party_with_its_short_name_and_a_duplicate_is_refused() {
        String suffix = UUID.randomUUID().toString().substring(0, 4);
        navigate(ReferenceDataView.class);
        test($(TabSheet.class).id("reference-tabs")).select(1);

        test($(Button.class).id("party-add")).click();
        test($(TextField.class).id("reference-name")).setValue("测试党派" + suffix);
        test($(TextField.class).id("reference-short-name")).setValue("测" + suffix);
        test($(Button.class).id("party-save")).click();
        assertThat(reference.parties()).extracting(ReferenceItem::shortName).contains("测" + suffix);

        test($(Button.class).id("party-add")).click();
        test($(TextField.class).id("reference-name")).setValue("中国民主同盟");
        test($(Button.class).id("party-save")).click();
        assertThat($(TextField.class).withId("reference-name").exists()).as("the dialog stays open").isTrue();
        assertThat(reference.parties()).filteredOn(p -> p.name().equals("中国民主同盟")).hasSize(1)
                .allMatch(ReferenceItem::active);
    }

    @SuppressWarnings("unchecked")
    private java.util.List<ReferenceItem> items(String gridId) {
        Grid<ReferenceItem> grid = $(Grid.class).id(gridId);
        int size = test(grid).size();
        java.util.List<ReferenceItem> items = new java.util.ArrayList<>();
        for (int i = 0; i < size; i++) {
            items.add(test(grid).getRow(i));
        }
        return items;
    }

    @SuppressWarnings("unchecked")
    private Button rowButton(String gridId, String id) {
        Grid<ReferenceItem> grid = $(Grid.class).id(gridId);
        for (int i = 0; i < test(grid).size(); i++) {
            Component cell = test(grid).getCellComponent(i, grid.getColumns().size() - 1);
            var found = cell.getChildren().filter(c -> id.equals(c.getId().orElse(null))).findFirst();
            if (found.isPresent()) {
                return (Button) found.get();
            }
        }
        throw new AssertionError("no button " + id);
    }
}
