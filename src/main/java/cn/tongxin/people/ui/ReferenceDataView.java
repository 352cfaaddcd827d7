package cn.tongxin.people.ui;

import cn.tongxin.base.ui.Notices;
import cn.tongxin.base.ui.UnsavedChanges;
import cn.tongxin.people.ReferenceDataService;
import cn.tongxin.people.ReferenceItem;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;
import java.util.function.Supplier;

/**
 * The sectors (统战工作对象) and parties that people are filed under. Entries are never deleted, only
 * deactivated: people keep them, new records no longer offer them.
 */
@Route("admin/reference")
@Menu(title = "nav.reference", order = 82, icon = "vaadin:list")
@RolesAllowed(Roles.ADMIN)
class ReferenceDataView extends VerticalLayout implements HasDynamicTitle {

    static final int SECTOR_NAME_MAX = 50;
    static final int PARTY_NAME_MAX = 50;
    static final int PARTY_SHORT_MAX = 20;

    private final ReferenceDataService reference;
    private final Grid<ReferenceItem> sectors = new Grid<>(ReferenceItem.class, false);
    private final Grid<ReferenceItem> parties = new Grid<>(ReferenceItem.class, false);

    ReferenceDataView(ReferenceDataService reference) {
        this.reference = reference;
        addClassName("tx-page");
        setWidthFull();
        configure(sectors, "sector", false);
        configure(parties, "party", true);
        TabSheet tabs = new TabSheet();
        tabs.setId("reference-tabs");
        tabs.setWidthFull();
        tabs.add(getTranslation("admin.reference.sectors"), panel(sectors, "sector", false));
        tabs.add(getTranslation("admin.reference.parties"), panel(parties, "party", true));
        add(tabs);
        load();
    }

    private Component panel(Grid<ReferenceItem> grid, String kind, boolean party) {
        Button add = new Button(getTranslation("admin.reference.add"), VaadinIcon.PLUS.create(), e -> edit(null, party));
        add.setId(kind + "-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        VerticalLayout panel = new VerticalLayout(add, grid);
        panel.setPadding(false);
        return panel;
    }

    private void configure(Grid<ReferenceItem> grid, String kind, boolean party) {
        grid.setId(kind + "-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(ReferenceItem::name).setHeader(getTranslation("admin.reference.name")).setFlexGrow(2);
        if (party) {
            grid.addColumn(ReferenceItem::shortName).setHeader(getTranslation("admin.reference.short-name")).setAutoWidth(true);
        }
        grid.addColumn(ReferenceItem::sortOrder).setHeader(getTranslation("admin.reference.sort-order")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(item -> {
            Span badge = new Span(getTranslation(item.active() ? "admin.reference.active" : "admin.reference.inactive"));
            badge.getElement().getThemeList().add(item.active() ? "badge success" : "badge contrast");
            return badge;
        }).setHeader(getTranslation("admin.reference.status")).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(item -> actions(item, kind, party)).setAutoWidth(true).setFlexGrow(0);
        grid.setAllRowsVisible(true);
        grid.setWidthFull();
    }

    private Component actions(ReferenceItem item, String kind, boolean party) {
        Button edit = new Button(VaadinIcon.EDIT.create(), e -> edit(item, party));
        edit.setId(kind + "-edit-" + item.id());
        edit.setTooltipText(getTranslation("action.edit"));
        edit.setAriaLabel(getTranslation("action.edit"));
        String toggleKey = item.active() ? "admin.reference.deactivate" : "admin.reference.activate";
        Button toggle = new Button(getTranslation(toggleKey), e -> save(
                () -> party ? reference.saveParty(item.id(), item.name(), item.shortName(), item.sortOrder(), !item.active())
                        : reference.saveSector(item.id(), item.name(), item.sortOrder(), !item.active())));
        toggle.setId(kind + "-toggle-" + item.id());
        for (Button b : List.of(edit, toggle)) {
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        }
        HorizontalLayout actions = new HorizontalLayout(edit, toggle);
        actions.setSpacing(false);
        return actions;
    }

    private void edit(ReferenceItem item, boolean party) {
        String kind = party ? "party" : "sector";
        Dialog dialog = new Dialog();
        dialog.setId("reference-dialog");
        dialog.setHeaderTitle(getTranslation(item == null
                ? (party ? "admin.reference.new-party" : "admin.reference.new-sector")
                : "action.edit"));
        dialog.setWidth("min(480px, 96vw)");
        TextField name = new TextField(getTranslation("admin.reference.name"));
        name.setId("reference-name");
        name.setRequired(true);
        name.setMaxLength(party ? PARTY_NAME_MAX : SECTOR_NAME_MAX);
        TextField shortName = new TextField(getTranslation("admin.reference.short-name"));
        shortName.setId("reference-short-name");
        shortName.setMaxLength(PARTY_SHORT_MAX);
        shortName.setVisible(party);
        IntegerField order = new IntegerField(getTranslation("admin.reference.sort-order"));
        order.setId("reference-sort-order");
        order.setStepButtonsVisible(true);
        Checkbox active = new Checkbox(getTranslation("admin.reference.active"));
        active.setId("reference-active");
        if (item == null) {
            List<ReferenceItem> existing = party ? reference.parties() : reference.sectors();
            order.setValue(existing.stream().mapToInt(ReferenceItem::sortOrder).max().orElse(0) + 10);
            active.setValue(true);
        } else {
            name.setValue(item.name());
            shortName.setValue(item.shortName() == null ? "" : item.shortName());
            order.setValue(item.sortOrder());
            active.setValue(item.active());
        }
        FormLayout form = new FormLayout(name, shortName, order, active);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("400px", 2));
        dialog.add(form);
        UnsavedChanges changes = UnsavedChanges.ofDialog(dialog, name, shortName, order, active);
        Long id = item == null ? null : item.id();
        Button save = new Button(getTranslation("action.save"), e -> {
            int sort = order.getValue() == null ? 0 : order.getValue();
            String shortText = shortName.getValue();
            if (save(() -> party ? reference.saveParty(id, name.getValue(), shortText, sort, active.getValue())
                    : reference.saveSector(id, name.getValue(), sort, active.getValue()))) {
                changes.closeSaved();
            }
        });
        save.setId(kind + "-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> changes.requestClose()), save);
        dialog.open();
    }

    private boolean save(Supplier<ReferenceItem> action) {
        ReferenceItem[] saved = new ReferenceItem[1];
        if (Notices.attempt(() -> saved[0] = action.get())) {
            Notices.success("admin.reference.saved", saved[0].name());
            load();
            return true;
        }
        return false;
    }

    private void load() {
        sectors.setItems(reference.sectors());
        parties.setItems(reference.parties());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.reference");
    }
}
