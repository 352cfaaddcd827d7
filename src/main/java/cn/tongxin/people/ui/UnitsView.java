package cn.tongxin.people.ui;

import cn.tongxin.base.ui.Notices;
import cn.tongxin.base.ui.UnsavedChanges;
import cn.tongxin.people.UnitKind;
import cn.tongxin.people.UnitRef;
import cn.tongxin.people.UnitService;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.treegrid.TreeGrid;
import com.vaadin.flow.data.provider.hierarchy.TreeData;
import com.vaadin.flow.data.provider.hierarchy.TreeDataProvider;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The unit tree: province → cities → counties, and the member units; add a unit below another, rename one. */
@Route("admin/units")
@Menu(title = "nav.units", order = 81, icon = "vaadin:sitemap")
@RolesAllowed(Roles.ADMIN)
class UnitsView extends VerticalLayout implements HasDynamicTitle {

    static final int NAME_MAX = 100;

    private final UnitService units;
    private final TreeGrid<UnitRef> tree = new TreeGrid<>();

    UnitsView(UnitService units) {
        this.units = units;
        addClassName("tx-page");
        setWidthFull();
        Paragraph hint = new Paragraph(getTranslation("admin.units.hint"));
        hint.addClassName("tx-muted");
        tree.setId("units-tree");
        tree.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        tree.addHierarchyColumn(UnitRef::name).setHeader(getTranslation("admin.units.name")).setFlexGrow(3);
        tree.addColumn(u -> getTranslation("unit.kind." + u.kind().name())).setHeader(getTranslation("admin.units.kind"))
                .setAutoWidth(true).setFlexGrow(0);
        tree.addComponentColumn(this::actions).setAutoWidth(true).setFlexGrow(0);
        tree.setWidthFull();
        tree.setHeight("600px");
        add(hint, tree);
        load();
    }

    private void load() {
        List<UnitRef> all = units.visibleUnits();
        Map<Long, UnitRef> byId = all.stream().collect(Collectors.toMap(UnitRef::id, Function.identity()));
        TreeData<UnitRef> data = new TreeData<>();
        List<UnitRef> ordered = all.stream().sorted(Comparator.comparing(UnitRef::depth)
                .thenComparing(u -> kindOrder(u.kind())).thenComparing(UnitRef::id)).toList();
        for (UnitRef unit : ordered) {
            UnitRef parent = unit.parentId() == null ? null : byId.get(unit.parentId());
            data.addItem(parent, unit);
        }
        tree.setDataProvider(new TreeDataProvider<>(data));
        tree.expandRecursively(data.getRootItems(), 3);
    }

    /** Cities and counties first, then the member units. */
    private static int kindOrder(UnitKind kind) {
        return kind == UnitKind.MEMBER ? 1 : 0;
    }

    private Component actions(UnitRef unit) {
        Button add = new Button(VaadinIcon.PLUS.create(), e -> openAdd(unit));
        add.setId("unit-add-" + unit.id());
        add.setTooltipText(getTranslation("admin.units.add"));
        add.setAriaLabel(getTranslation("admin.units.add"));
        Button rename = new Button(VaadinIcon.EDIT.create(), e -> openRename(unit));
        rename.setId("unit-rename-" + unit.id());
        rename.setTooltipText(getTranslation("admin.units.rename"));
        rename.setAriaLabel(getTranslation("admin.units.rename"));
        for (Button b : List.of(add, rename)) {
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        }
        HorizontalLayout actions = new HorizontalLayout(add, rename);
        actions.setSpacing(false);
        return actions;
    }

    private void openAdd(UnitRef parent) {
        Dialog dialog = new Dialog();
        dialog.setId("unit-dialog");
        dialog.setHeaderTitle(getTranslation("admin.units.add-below", parent.name()));
        dialog.setWidth("min(480px, 96vw)");
        TextField name = nameField();
        Select<UnitKind> kind = new Select<>();
        kind.setId("unit-kind");
        kind.setLabel(getTranslation("admin.units.kind"));
        kind.setItems(UnitKind.CITY, UnitKind.COUNTY, UnitKind.MEMBER);
        kind.setItemLabelGenerator(k -> getTranslation("unit.kind." + k.name()));
        kind.setValue(switch (parent.kind()) {
            case PROVINCE -> UnitKind.CITY;
            case CITY -> UnitKind.COUNTY;
            default -> UnitKind.MEMBER;
        });
        FormLayout form = new FormLayout(name, kind);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        dialog.add(form);
        UnsavedChanges changes = UnsavedChanges.ofDialog(dialog, name, kind);
        Button save = new Button(getTranslation("action.save"), e -> {
            if (Notices.attempt(() -> units.create(parent.id(), name.getValue(), kind.getValue()))) {
                Notices.success("admin.units.added", name.getValue().trim());
                changes.closeSaved();
                load();
            }
        });
        finish(dialog, save, changes);
    }

    private void openRename(UnitRef unit) {
        Dialog dialog = new Dialog();
        dialog.setId("unit-dialog");
        dialog.setHeaderTitle(getTranslation("admin.units.rename"));
        dialog.setWidth("min(480px, 96vw)");
        TextField name = nameField();
        name.setValue(unit.name());
        dialog.add(name);
        UnsavedChanges changes = UnsavedChanges.ofDialog(dialog, name);
        Button save = new Button(getTranslation("action.save"), e -> {
            if (Notices.attempt(() -> units.rename(unit.id(), name.getValue()))) {
                Notices.success("admin.units.renamed", name.getValue().trim());
                changes.closeSaved();
                load();
            }
        });
        finish(dialog, save, changes);
    }

    private TextField nameField() {
        TextField name = new TextField(getTranslation("admin.units.name"));
        name.setId("unit-name");
        name.setRequired(true);
        name.setMaxLength(NAME_MAX);
        name.setWidthFull();
        return name;
    }

    private void finish(Dialog dialog, Button save, UnsavedChanges changes) {
        save.setId("unit-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> changes.requestClose()), save);
        dialog.open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.units");
    }
}
