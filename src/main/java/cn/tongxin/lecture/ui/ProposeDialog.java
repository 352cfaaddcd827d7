package cn.tongxin.lecture.ui;

import cn.tongxin.Application;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.base.ui.UnsavedChanges;
import cn.tongxin.lecture.LectureOrderRow;
import cn.tongxin.lecture.LectureOrders;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.timepicker.TimePicker;

import java.time.Instant;
import java.time.LocalTime;

/** Proposing another time for an order, with an optional explanation the ordering unit reads. */
class ProposeDialog extends Dialog {

    ProposeDialog(LectureOrders orders, LectureOrderRow order, Runnable proposed) {
        setHeaderTitle(getTranslation("lecture.orders.propose.title", order.topicTitle()));
        setWidth("min(560px, 100vw)");
        DatePicker date = new DatePicker(getTranslation("lecture.orders.accept.date"), order.preferredTo().plusDays(1));
        date.setId("propose-date");
        TimePicker from = new TimePicker(getTranslation("lecture.orders.accept.start"), LocalTime.of(9, 0));
        from.setId("propose-start");
        TimePicker to = new TimePicker(getTranslation("lecture.orders.accept.end"), LocalTime.of(11, 0));
        to.setId("propose-end");
        TextArea reason = new TextArea(getTranslation("lecture.orders.propose.reason"));
        reason.setId("propose-reason");
        reason.setMaxLength(LectureOrderRow.REASON_MAX);
        FormLayout form = new FormLayout(date, from, to, reason);
        form.setColspan(reason, 2);
        add(form);
        UnsavedChanges changes = UnsavedChanges.ofDialog(this, date, from, to, reason);
        Button send = new Button(getTranslation("lecture.orders.propose.send"), e -> {
            Instant start = date.getValue() == null || from.getValue() == null ? null
                    : date.getValue().atTime(from.getValue()).atZone(Application.ZONE).toInstant();
            Instant end = date.getValue() == null || to.getValue() == null ? null
                    : date.getValue().atTime(to.getValue()).atZone(Application.ZONE).toInstant();
            if (Notices.attempt(() -> orders.propose(order.id(), order.version(), start, end, reason.getValue()))) {
                Notices.success("lecture.orders.propose.done");
                changes.closeSaved();
                proposed.run();
            }
        });
        send.setId("propose-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("action.cancel"), e -> changes.requestClose());
        cancel.setId("propose-cancel");
        getFooter().add(cancel, send);
    }
}
