package cn.tongxin.people.ui;

import cn.tongxin.people.UnitRef;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.data.renderer.LitRenderer;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** A unit ComboBox over the caller's units, shown as a tree: each level indented below its parent. */
final class UnitPicker {

    /** Parents before children, siblings in the order they were made: '/1/2/' before '/1/11/'. */
    static final Comparator<UnitRef> TREE_ORDER = (a, b) -> Arrays.compare(numbers(a.path()), numbers(b.path()));

    private UnitPicker() {
    }

    private static long[] numbers(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
    }

    static ComboBox<UnitRef> create(String label, List<UnitRef> units) {
        ComboBox<UnitRef> box = new ComboBox<>(label);
        int top = units.stream().mapToInt(UnitRef::depth).min().orElse(0);
        box.setItems(units.stream().sorted(TREE_ORDER).toList());
        box.getStyle().set("--vaadin-combo-box-overlay-width", "22em");
        box.setItemLabelGenerator(UnitRef::name);
        box.setRenderer(LitRenderer.<UnitRef>of("<div style=\"padding-inline-start: ${item.indent}em\">${item.name}</div>")
                .withProperty("indent", u -> 1.25 * (u.depth() - top))
                .withProperty("name", UnitRef::name));
        return box;
    }
}
