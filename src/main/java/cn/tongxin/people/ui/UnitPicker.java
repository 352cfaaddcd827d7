package cn.tongxin.people.ui;

import cn.tongxin.people.UnitRef;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.data.renderer.LitRenderer;

import java.util.List;

/** A unit ComboBox over the caller's units, shown as a tree: each level indented below its parent. */
final class UnitPicker {

    private UnitPicker() {
    }

    static ComboBox<UnitRef> create(String label, List<UnitRef> units) {
        ComboBox<UnitRef> box = new ComboBox<>(label);
        int top = units.stream().mapToInt(UnitRef::depth).min().orElse(0);
        box.setItems(units);
        box.setItemLabelGenerator(UnitRef::name);
        box.setRenderer(LitRenderer.<UnitRef>of("<span style=\"padding-inline-start: ${item.indent}em\">${item.name}</span>")
                .withProperty("indent", u -> 1.25 * (u.depth() - top))
                .withProperty("name", UnitRef::name));
        return box;
    }
}
