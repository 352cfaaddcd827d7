package cn.tongxin.people.ui;

import cn.tongxin.people.UnitRef;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.data.renderer.LitRenderer;

import java.util.List;

/** A unit chooser listing the tree in order, indented by level, so that a city's counties sit under it. */
final class AdminUnitBox {

    private AdminUnitBox() {
    }

    static ComboBox<UnitRef> of(String label, List<UnitRef> units) {
        ComboBox<UnitRef> box = new ComboBox<>(label);
        List<UnitRef> ordered = units.stream().sorted(java.util.Comparator.comparing(UnitRef::path, AdminUnitBox::byPath)).toList();
        box.setItems(ordered);
        box.setItemLabelGenerator(UnitRef::name);
        // Indented in the list only; the chosen unit shows its plain name.
        box.setRenderer(LitRenderer.<UnitRef>of("<span style=\"padding-left: ${item.indent}em\">${item.name}</span>")
                .withProperty("indent", u -> Math.max(0, u.depth()) * 1.25)
                .withProperty("name", UnitRef::name));
        return box;
    }

    /** '/1/10/' after '/1/4/': compares the numeric ids of the path, not its characters. */
    static int byPath(String a, String b) {
        String[] x = a.split("/");
        String[] y = b.split("/");
        for (int i = 1; i < Math.min(x.length, y.length); i++) {
            int c = Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
