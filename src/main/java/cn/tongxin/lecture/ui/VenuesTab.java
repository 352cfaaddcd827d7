package cn.tongxin.lecture.ui;

import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.base.ui.UnsavedChanges;
import cn.tongxin.lecture.LectureCatalogue;
import cn.tongxin.lecture.VenueData;
import cn.tongxin.lecture.VenueRow;
import cn.tongxin.people.UnitRef;
import cn.tongxin.people.UnitService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;

import java.util.List;

/** The venues (宣讲场地) of the units, with address and capacity. */
class VenuesTab extends VerticalLayout {

    private final LectureCatalogue catalogue;
    private final UnitService units;
    private final Grid<VenueRow> grid = new Grid<>();
    private final Div content = new Div();

    VenuesTab(LectureCatalogue catalogue, UnitService units) {
        this.catalogue = catalogue;
        this.units = units;
        setPadding(false);
        Button create = new Button(getTranslation("lecture.catalogue.venue.new"), VaadinIcon.PLUS.create(), e -> edit(null));
        create.setId("venue-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        grid.setId("venues-grid");
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(VenueRow::name).setHeader(getTranslation("lecture.catalogue.venue.name")).setFlexGrow(2);
        grid.addColumn(VenueRow::address).setHeader(getTranslation("lecture.catalogue.venue.address")).setFlexGrow(2);
        grid.addColumn(VenueRow::capacity).setHeader(getTranslation("lecture.catalogue.venue.capacity")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(VenueRow::unitName).setHeader(getTranslation("lecture.catalogue.unit")).setFlexGrow(1);
        grid.addColumn(r -> getTranslation(r.active() ? "lecture.catalogue.active" : "lecture.catalogue.inactive"))
                .setHeader(getTranslation("lecture.catalogue.state")).setAutoWidth(true).setFlexGrow(0);
        grid.addItemClickListener(e -> {
            if (e.getItem().manageable()) {
                edit(e.getItem());
            }
        });
        content.setWidthFull();
        add(create, content);
        refresh();
    }

    private void refresh() {
        List<VenueRow> rows = catalogue.venues();
        grid.setItems(rows);
        content.removeAll();
        content.add(rows.isEmpty() ? new EmptyState("lecture.catalogue.venue.empty", "lecture.catalogue.venue.empty-hint") : grid);
    }

    private void edit(VenueRow current) {
        Dialog dialog = new Dialog(getTranslation(current == null ? "lecture.catalogue.venue.new" : "lecture.catalogue.venue.edit"));
        dialog.setWidth("min(560px, 100vw)");
        TextField name = new TextField(getTranslation("lecture.catalogue.venue.name"));
        name.setId("venue-name");
        name.setMaxLength(VenueData.NAME_MAX);
        name.setRequired(true);
        TextField address = new TextField(getTranslation("lecture.catalogue.venue.address"));
        address.setId("venue-address");
        address.setMaxLength(VenueData.ADDRESS_MAX);
        IntegerField capacity = new IntegerField(getTranslation("lecture.catalogue.venue.capacity"));
        capacity.setId("venue-capacity");
        capacity.setMin(1);
        capacity.setMax(VenueData.CAPACITY_MAX);
        List<UnitRef> managed = units.visibleUnits();
        ComboBox<UnitRef> unit = new ComboBox<>(getTranslation("lecture.catalogue.unit"), managed);
        unit.setId("venue-unit");
        unit.setItemLabelGenerator(UnitRef::name);
        Checkbox active = new Checkbox(getTranslation("lecture.catalogue.venue.active"), true);
        active.setId("venue-active");
        if (current != null) {
            name.setValue(current.name());
            address.setValue(current.address() == null ? "" : current.address());
            capacity.setValue(current.capacity());
            managed.stream().filter(u -> u.id() == current.unitId()).findFirst().ifPresent(unit::setValue);
            active.setValue(current.active());
        } else if (!managed.isEmpty()) {
            unit.setValue(managed.getFirst());
        }
        FormLayout form = new FormLayout(name, address, capacity, unit, active);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("440px", 2));
        form.setColspan(name, 2);
        form.setColspan(address, 2);
        dialog.add(form);
        UnsavedChanges changes = UnsavedChanges.ofDialog(dialog, name, address, capacity, unit, active);
        Button save = new Button(getTranslation("action.save"), e -> {
            VenueData data = new VenueData(name.getValue(), address.getValue(),
                    capacity.getValue() == null ? 0 : capacity.getValue(), unit.getValue() == null ? 0 : unit.getValue().id(),
                    active.getValue());
            if (Notices.attempt(() -> {
                if (current == null) {
                    catalogue.createVenue(data);
                } else {
                    catalogue.updateVenue(current.id(), current.version(), data);
                }
            })) {
                Notices.success("lecture.catalogue.saved");
                changes.closeSaved();
                refresh();
            }
        });
        save.setId("venue-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("action.cancel"), e -> changes.requestClose());
        cancel.setId("venue-cancel");
        dialog.getFooter().add(cancel, save);
        dialog.open();
    }
}
