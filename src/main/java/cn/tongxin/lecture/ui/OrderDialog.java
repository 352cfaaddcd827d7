package cn.tongxin.lecture.ui;

import cn.tongxin.base.ui.Notices;
import cn.tongxin.base.ui.UnsavedChanges;
import cn.tongxin.lecture.LectureOrderRow;
import cn.tongxin.lecture.LectureOrders;
import cn.tongxin.lecture.MenuTopic;
import cn.tongxin.lecture.VenueOption;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import java.time.LocalDate;

/** The order form of a topic of the menu: preferred dates, audience and size, venue, note. */
class OrderDialog extends Dialog {

    OrderDialog(LectureOrders orders, MenuTopic topic, long unitId, String unitName, Runnable ordered) {
        setHeaderTitle(getTranslation("lecture.orders.form.title", topic.title()));
        setWidth("min(640px, 100vw)");
        TextField unit = new TextField(getTranslation("lecture.orders.form.unit"));
        unit.setValue(unitName);
        unit.setReadOnly(true);
        DatePicker from = new DatePicker(getTranslation("lecture.orders.form.from"));
        from.setId("order-from");
        from.setMin(LocalDate.now());
        from.setRequired(true);
        DatePicker to = new DatePicker(getTranslation("lecture.orders.form.to"));
        to.setId("order-to");
        to.setRequired(true);
        from.addValueChangeListener(e -> {
            to.setMin(e.getValue());
            if (e.getValue() != null && (to.getValue() == null || to.getValue().isBefore(e.getValue()))) {
                to.setValue(e.getValue());
            }
        });
        TextArea audience = new TextArea(getTranslation("lecture.orders.form.audience"));
        audience.setId("order-audience");
        audience.setMaxLength(LectureOrderRow.AUDIENCE_MAX);
        audience.setPlaceholder(getTranslation("lecture.orders.form.audience-hint"));
        audience.setRequired(true);
        IntegerField count = new IntegerField(getTranslation("lecture.orders.form.count"));
        count.setId("order-count");
        count.setMin(1);
        count.setMax(100_000);
        count.setValue(50);
        ComboBox<VenueOption> venue = new ComboBox<>(getTranslation("lecture.orders.form.venue"));
        venue.setId("order-venue");
        venue.setItems(orders.venues(unitId));
        venue.setItemLabelGenerator(v -> v.name() + " · " + v.unitName() + " · " + v.capacity());
        venue.setClearButtonVisible(true);
        TextArea note = new TextArea(getTranslation("lecture.orders.form.note"));
        note.setId("order-note");
        note.setMaxLength(LectureOrderRow.NOTE_MAX);
        FormLayout form = new FormLayout(unit, count, from, to, audience, venue, note);
        form.setColspan(audience, 2);
        form.setColspan(note, 2);
        add(form);
        UnsavedChanges changes = UnsavedChanges.ofDialog(this, from, to, audience, count, venue, note);
        Button submit = new Button(getTranslation("lecture.orders.form.submit"), e -> {
            if (Notices.attempt(() -> orders.order(topic.id(), unitId, from.getValue(), to.getValue(), audience.getValue(),
                    count.getValue() == null ? 0 : count.getValue(), venue.getValue() == null ? null : venue.getValue().id(),
                    note.getValue()))) {
                Notices.success("lecture.orders.form.sent");
                changes.closeSaved();
                ordered.run();
            }
        });
        submit.setId("order-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("action.cancel"), e -> changes.requestClose());
        cancel.setId("order-cancel");
        getFooter().add(cancel, submit);
    }
}
