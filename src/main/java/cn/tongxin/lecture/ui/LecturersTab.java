package cn.tongxin.lecture.ui;

import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.base.ui.UnsavedChanges;
import cn.tongxin.lecture.LectureCatalogue;
import cn.tongxin.lecture.LecturerData;
import cn.tongxin.lecture.LecturerRow;
import cn.tongxin.people.PersonOption;
import cn.tongxin.people.PersonQuery;
import cn.tongxin.people.PersonService;
import cn.tongxin.people.PersonStatus;
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
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import java.util.List;

/** The lecturers: a person of the register made a lecturer, with their fields and a short profile. */
class LecturersTab extends VerticalLayout {

    private final LectureCatalogue catalogue;
    private final PersonService people;
    private final Grid<LecturerRow> grid = new Grid<>();
    private final Div content = new Div();

    LecturersTab(LectureCatalogue catalogue, PersonService people) {
        this.catalogue = catalogue;
        this.people = people;
        setPadding(false);
        Button create = new Button(getTranslation("lecture.catalogue.lecturer.new"), VaadinIcon.PLUS.create(), e -> edit(null));
        create.setId("lecturer-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        grid.setId("lecturers-grid");
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(r -> r.person().text(getLocale())).setHeader(getTranslation("lecture.catalogue.lecturer.person")).setFlexGrow(2);
        grid.addColumn(LecturerRow::unitName).setHeader(getTranslation("lecture.catalogue.unit")).setFlexGrow(1);
        grid.addColumn(LecturerRow::fields).setHeader(getTranslation("lecture.catalogue.lecturer.fields")).setFlexGrow(1);
        grid.addColumn(LecturerRow::profile).setHeader(getTranslation("lecture.catalogue.lecturer.profile")).setFlexGrow(3);
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
        List<LecturerRow> rows = catalogue.lecturerRows();
        grid.setItems(rows);
        content.removeAll();
        content.add(rows.isEmpty() ? new EmptyState("lecture.catalogue.lecturer.empty", "lecture.catalogue.lecturer.empty-hint") : grid);
    }

    private void edit(LecturerRow current) {
        Dialog dialog = new Dialog(getTranslation(current == null ? "lecture.catalogue.lecturer.new" : "lecture.catalogue.lecturer.edit"));
        dialog.setWidth("min(640px, 100vw)");
        ComboBox<PersonOption> person = new ComboBox<>(getTranslation("lecture.catalogue.lecturer.person"));
        person.setId("lecturer-person");
        person.setWidthFull();
        person.setItemLabelGenerator(p -> p.person().text(getLocale(), p.unitName()));
        if (current == null) {
            person.setItems(q -> people.search(new PersonQuery(q.getFilter().orElse(null), null, null, null, null,
                            PersonStatus.ACTIVE), q.getOffset(), q.getLimit()).items().stream()
                    .map(p -> new PersonOption(p.id(), p.label(), p.unitName())));
            person.setRequired(true);
            person.setHelperText(getTranslation("lecture.catalogue.lecturer.person-help"));
        } else {
            PersonOption me = new PersonOption(current.personId(), current.person(), current.unitName());
            person.setItems(List.of(me));
            person.setValue(me);
            person.setReadOnly(true);
        }
        TextField fields = new TextField(getTranslation("lecture.catalogue.lecturer.fields"));
        fields.setId("lecturer-fields");
        fields.setMaxLength(LecturerData.FIELDS_MAX);
        fields.setHelperText(getTranslation("lecture.catalogue.lecturer.fields-help"));
        TextArea profile = new TextArea(getTranslation("lecture.catalogue.lecturer.profile"));
        profile.setId("lecturer-profile");
        profile.setMaxLength(LecturerData.PROFILE_MAX);
        Checkbox active = new Checkbox(getTranslation("lecture.catalogue.lecturer.active"), true);
        active.setId("lecturer-active");
        if (current != null) {
            fields.setValue(current.fields() == null ? "" : current.fields());
            profile.setValue(current.profile() == null ? "" : current.profile());
            active.setValue(current.active());
        }
        FormLayout form = new FormLayout(person, fields, profile, active);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        dialog.add(form);
        UnsavedChanges changes = UnsavedChanges.ofDialog(dialog, person, fields, profile, active);
        Button save = new Button(getTranslation("action.save"), e -> {
            if (person.getValue() == null) {
                person.setInvalid(true);
                person.setErrorMessage(getTranslation("lecture.catalogue.lecturer.person-required"));
                return;
            }
            LecturerData data = new LecturerData(fields.getValue(), profile.getValue(), active.getValue());
            if (Notices.attempt(() -> {
                if (current == null) {
                    catalogue.addLecturer(person.getValue().id(), data);
                } else {
                    catalogue.updateLecturer(current.personId(), current.version(), data);
                }
            })) {
                Notices.success("lecture.catalogue.saved");
                changes.closeSaved();
                refresh();
            }
        });
        save.setId("lecturer-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("action.cancel"), e -> changes.requestClose());
        cancel.setId("lecturer-cancel");
        dialog.getFooter().add(cancel, save);
        dialog.open();
    }
}
