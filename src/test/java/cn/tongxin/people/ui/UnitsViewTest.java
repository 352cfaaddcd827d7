package cn.tongxin.people.ui;

import cn.tongxin.ViewTest;
import cn.tongxin.people.UnitKind;
import cn.tongxin.people.UnitRef;
import cn.tongxin.people.UnitService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.treegrid.TreeGrid;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@WithUserDetails("admin")
class UnitsViewTest extends ViewTest {

    @Autowired
    UnitService units;

    @Test
    void the_tree_shows_the_province_with_its_cities_and_counties() {
        navigate(UnitsView.class);

        TreeGrid<UnitRef> tree = tree();
        assertThat(tree.getTreeData().getRootItems()).extracting(UnitRef::name).contains("江川省委统战部");
        UnitRef province = tree.getTreeData().getRootItems().stream().filter(u -> u.name().equals("江川省委统战部"))
                .findFirst().orElseThrow();
        assertThat(tree.getTreeData().getChildren(province)).extracting(UnitRef::name)
                .contains("青州市委统战部", "云州市委统战部", "江口市委统战部", "省工商业联合会");
        UnitRef qingzhou = find(tree, "青州市委统战部");
        assertThat(tree.getTreeData().getChildren(qingzhou)).extracting(UnitRef::name)
                .contains("青山区委统战部", "临河县委统战部");
        assertThat(tree.isExpanded(province)).isTrue();
    }

    @Test
    void an_administrator_adds_a_county_below_a_city_and_renames_it() {
        String name = "新区" + UUID.randomUUID().toString().substring(0, 6);
        navigate(UnitsView.class);
        UnitRef jiangkou = find(tree(), "江口市委统战部");

        test(button("unit-add-" + jiangkou.id())).click();
        assertThat(test($(Select.class).id("unit-kind")).getSelected()).isEqualTo(UnitKind.COUNTY);
        test($(TextField.class).id("unit-name")).setValue(name);
        test($(Button.class).id("unit-save")).click();

        UnitRef added = find(tree(), name);
        assertThat(added.parentId()).isEqualTo(jiangkou.id());
        assertThat(added.kind()).isEqualTo(UnitKind.COUNTY);
        assertThat(added.path()).startsWith(jiangkou.path());

        test(button("unit-rename-" + added.id())).click();
        test($(TextField.class).id("unit-name")).setValue(name + "（改）");
        test($(Button.class).id("unit-save")).click();
        assertThat(units.get(added.id()).name()).isEqualTo(name + "（改）");
        assertThat(find(tree(), name + "（改）").id()).isEqualTo(added.id());
    }

    @Test
    void a_name_already_used_under_the_same_parent_is_refused() {
        navigate(UnitsView.class);
        UnitRef qingzhou = find(tree(), "青州市委统战部");
        UnitRef linhe = find(tree(), "临河县委统战部");

        test(button("unit-rename-" + linhe.id())).click();
        test($(TextField.class).id("unit-name")).setValue("青山区委统战部");
        test($(Button.class).id("unit-save")).click();

        assertThat($(TextField.class).withId("unit-name").exists()).as("the dialog stays open").isTrue();
        assertThat(units.get(linhe.id()).name()).isEqualTo("临河县委统战部");
        assertThat(units.get(qingzhou.id()).name()).isEqualTo("青州市委统战部");
    }

    @SuppressWarnings("unchecked")
    private TreeGrid<UnitRef> tree() {
        return $(TreeGrid.class).id("units-tree");
    }

    private static UnitRef find(TreeGrid<UnitRef> tree, String name) {
        return tree.getTreeData().getRootItems().stream().flatMap(r -> flatten(tree, r))
                .filter(u -> u.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no unit " + name));
    }

    private static java.util.stream.Stream<UnitRef> flatten(TreeGrid<UnitRef> tree, UnitRef unit) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(unit),
                tree.getTreeData().getChildren(unit).stream().flatMap(c -> flatten(tree, c)));
    }

    /** An action button of a row, as rendered in the tree's last column. */
    private Button button(String id) {
        TreeGrid<UnitRef> tree = tree();
        int rows = test(tree).size();
        for (int i = 0; i < rows; i++) {
            Component cell = test(tree).getCellComponent(i, tree.getColumns().size() - 1);
            var found = cell.getChildren().filter(c -> id.equals(c.getId().orElse(null))).findFirst();
            if (found.isPresent()) {
                return (Button) found.get();
            }
        }
        throw new AssertionError("no button " + id + " among " + rows + " rows");
    }
}
