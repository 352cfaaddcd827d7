package cn.tongxin.rotation.ui;

import cn.tongxin.base.ui.Notices;
import cn.tongxin.base.ui.UnsavedChanges;
import cn.tongxin.people.UnitRef;
import cn.tongxin.rotation.ClassData;
import cn.tongxin.rotation.ClassDetail;
import cn.tongxin.rotation.PlanRow;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Creates or edits a class: title, unit, venue, dates, capacity, plans and the completion rule. */
class ClassDialog extends Dialog {

    ClassDialog(ClassDetail current, List<UnitRef> units, List<PlanRow> plans, Consumer<ClassData> save) {
        setHeaderTitle(getTranslation(current == null ? "rotation.class.new" : "rotation.class.edit"));
        setWidth("min(760px, 100vw)");
        TextField title = new TextField(getTranslation("rotation.class.title"));
        title.setId("class-title");
        title.setMaxLength(ClassData.TITLE_MAX);
        title.setRequired(true);
        ComboBox<UnitRef> unit = new ComboBox<>(getTranslation("rotation.class.unit"), units);
        unit.setItemLabelGenerator(UnitRef::name);
        unit.setId("class-unit");
        TextField venue = new TextField(getTranslation("rotation.class.venue"));
        venue.setId("class-venue");
        DatePicker start = new DatePicker(getTranslation("rotation.class.start"));
        start.setId("class-start");
        DatePicker end = new DatePicker(getTranslation("rotation.class.end"));
        end.setId("class-end");
        IntegerField capacity = new IntegerField(getTranslation("rotation.class.capacity"));
        capacity.setId("class-capacity");
        capacity.setMin(1);
        MultiSelectComboBox<PlanRow> planBox = new MultiSelectComboBox<>(getTranslation("rotation.class.plans"), plans);
        planBox.setItemLabelGenerator(PlanRow::name);
        planBox.setId("class-plans");
        IntegerField attendance = new IntegerField(getTranslation("rotation.class.min-attendance"));
        attendance.setSuffixComponent(new com.vaadin.flow.component.html.Span("%"));
        attendance.setMin(0);
        attendance.setMax(100);
        BigDecimalField leave = new BigDecimalField(getTranslation("rotation.class.max-leave"));
        leave.setSuffixComponent(new com.vaadin.flow.component.html.Span("%"));
        BigDecimalField minHours = new BigDecimalField(getTranslation("rotation.class.min-hours"));
        if (current != null) {
            ClassData d = current.data();
            title.setValue(d.title());
            units.stream().filter(u -> u.id() == d.unitId()).findFirst().ifPresent(unit::setValue);
            venue.setValue(d.venue() == null ? "" : d.venue());
            start.setValue(d.startDate());
            end.setValue(d.endDate());
            capacity.setValue(d.capacity());
            planBox.setValue(plans.stream().filter(p -> d.planIds().contains(p.id())).collect(Collectors.toSet()));
            attendance.setValue(d.minAttendancePct());
            leave.setValue(d.maxLeaveShare().multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP));
            minHours.setValue(d.minHours());
        } else {
            unit.setValue(units.isEmpty() ? null : units.getFirst());
            capacity.setValue(50);
            attendance.setValue(90);
            leave.setValue(ClassData.DEFAULT_LEAVE_SHARE.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP));
            minHours.setValue(BigDecimal.ZERO);
        }
        FormLayout form = new FormLayout(title, unit, venue, start, end, capacity, planBox, attendance, leave, minHours);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("500px", 2));
        form.setColspan(title, 2);
        form.setColspan(planBox, 2);
        add(form);
        UnsavedChanges changes = UnsavedChanges.ofDialog(this, title, unit, venue, start, end, capacity, planBox, attendance,
                leave, minHours);
        Button ok = new Button(getTranslation("action.save"), e -> {
            ClassData data = new ClassData(title.getValue(), unit.getValue() == null ? 0 : unit.getValue().id(),
                    venue.getValue(), start.getValue(), end.getValue(), capacity.getValue() == null ? 0 : capacity.getValue(),
                    planBox.getValue().stream().map(PlanRow::id).collect(Collectors.toSet()),
                    attendance.getValue() == null ? 90 : attendance.getValue(),
                    leave.getValue() == null ? null : leave.getValue().divide(BigDecimal.valueOf(100), 4, RoundingMode.HALF_UP),
                    minHours.getValue());
            if (Notices.attempt(() -> save.accept(data))) {
                changes.closeSaved();
            }
        });
        ok.setId("class-save");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("action.cancel"), e -> changes.requestClose());
        cancel.setId("class-cancel");
        getFooter().add(cancel, ok);
    }
}
