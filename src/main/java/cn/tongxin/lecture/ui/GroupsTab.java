package cn.tongxin.lecture.ui;

import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.base.ui.UnsavedChanges;
import cn.tongxin.lecture.GroupData;
import cn.tongxin.lecture.GroupRow;
import cn.tongxin.lecture.LectureCatalogue;
import cn.tongxin.lecture.LectureChoices;
import cn.tongxin.people.PersonOption;
import cn.tongxin.people.UnitRef;
import cn.tongxin.people.UnitService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The lecture groups (宣讲团): a unit's group, its leader and members among the lecturers. */
class GroupsTab extends VerticalLayout {

    private final LectureCatalogue catalogue;
    private final LectureChoices choices;
    private final UnitService units;
    private final Grid<GroupRow> grid = new Grid<>();
    private final Div content = new Div();

    GroupsTab(LectureCatalogue catalogue, LectureChoices choices, UnitService units) {
        this.choices = choices;
        this.catalogue = catalogue;
        this.units = units;
        setPadding(false);
        Button create = new Button(getTranslation("lecture.catalogue.group.new"), VaadinIcon.PLUS.create(), e -> edit(null));
        create.setId("group-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        grid.setId("groups-grid");
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(GroupRow::name).setHeader(getTranslation("lecture.catalogue.group.name")).setFlexGrow(2);
        grid.addColumn(GroupRow::unitName).setHeader(getTranslation("lecture.catalogue.unit")).setFlexGrow(1);
        grid.addColumn(GroupRow::leaderName).setHeader(getTranslation("lecture.catalogue.group.leader")).setAutoWidth(true);
        grid.addColumn(GroupRow::memberNames).setHeader(getTranslation("lecture.catalogue.group.members")).setFlexGrow(3);
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
        List<GroupRow> rows = catalogue.groups();
        grid.setItems(rows);
        content.removeAll();
        content.add(rows.isEmpty() ? new EmptyState("lecture.catalogue.group.empty", "lecture.catalogue.group.empty-hint") : grid);
    }

    private void edit(GroupRow current) {
        Dialog dialog = new Dialog(getTranslation(current == null ? "lecture.catalogue.group.new" : "lecture.catalogue.group.edit"));
        dialog.setWidth("min(640px, 100vw)");
        TextField name = new TextField(getTranslation("lecture.catalogue.group.name"));
        name.setId("group-name");
        name.setMaxLength(GroupData.NAME_MAX);
        name.setRequired(true);
        List<UnitRef> managed = units.visibleUnits();
        ComboBox<UnitRef> unit = new ComboBox<>(getTranslation("lecture.catalogue.unit"), managed);
        unit.setId("group-unit");
        unit.setItemLabelGenerator(UnitRef::name);
        List<PersonOption> lecturers = choices.lecturers(Set.of());
        ComboBox<PersonOption> leader = new ComboBox<>(getTranslation("lecture.catalogue.group.leader"), lecturers);
        leader.setId("group-leader");
        leader.setItemLabelGenerator(p -> p.person().text(getLocale(), p.unitName()));
        leader.setClearButtonVisible(true);
        MultiSelectComboBox<PersonOption> members = new MultiSelectComboBox<>(getTranslation("lecture.catalogue.group.members"), lecturers);
        members.setId("group-members");
        members.setItemLabelGenerator(p -> p.person().text(getLocale(), p.unitName()));
        members.setHelperText(getTranslation("lecture.catalogue.group.members-help"));
        if (current != null) {
            name.setValue(current.name());
            managed.stream().filter(u -> u.id() == current.unitId()).findFirst().ifPresent(unit::setValue);
            lecturers.stream().filter(p -> current.leaderId() != null && p.id() == current.leaderId()).findFirst()
                    .ifPresent(leader::setValue);
            members.setValue(lecturers.stream().filter(p -> current.memberIds().contains(p.id())).collect(Collectors.toSet()));
        } else if (!managed.isEmpty()) {
            unit.setValue(managed.getFirst());
        }
        FormLayout form = new FormLayout(name, unit, leader, members);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("500px", 2));
        form.setColspan(name, 2);
        form.setColspan(members, 2);
        dialog.add(form);
        UnsavedChanges changes = UnsavedChanges.ofDialog(dialog, name, unit, leader, members);
        Button save = new Button(getTranslation("action.save"), e -> {
            GroupData data = new GroupData(name.getValue(), unit.getValue() == null ? 0 : unit.getValue().id(),
                    leader.getValue() == null ? null : leader.getValue().id(),
                    members.getValue().stream().map(PersonOption::id).collect(Collectors.toSet()));
            if (Notices.attempt(() -> {
                if (current == null) {
                    catalogue.createGroup(data);
                } else {
                    catalogue.updateGroup(current.id(), current.version(), data);
                }
            })) {
                Notices.success("lecture.catalogue.saved");
                changes.closeSaved();
                refresh();
            }
        });
        save.setId("group-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("action.cancel"), e -> changes.requestClose());
        cancel.setId("group-cancel");
        dialog.getFooter().add(cancel, save);
        dialog.open();
    }
}
