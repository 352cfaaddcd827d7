package cn.tongxin.rotation.ui;

import cn.tongxin.base.ui.Notices;
import cn.tongxin.base.ui.UnsavedChanges;
import cn.tongxin.rotation.SessionData;
import cn.tongxin.rotation.SessionKind;
import cn.tongxin.rotation.SessionRow;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.function.Consumer;

/** Adds or edits one session, with its sign-in window. */
class SessionDialog extends Dialog {

    SessionDialog(SessionRow current, LocalDate day, Consumer<SessionData> save) {
        setHeaderTitle(getTranslation(current == null ? "rotation.session.new" : "rotation.session.edit"));
        setWidth("min(680px, 100vw)");
        TextField title = new TextField(getTranslation("rotation.session.title"));
        title.setId("session-title");
        title.setMaxLength(200);
        Select<SessionKind> kind = new Select<>();
        kind.setLabel(getTranslation("rotation.session.kind"));
        kind.setItems(SessionKind.values());
        kind.setItemLabelGenerator(k -> getTranslation("rotation.kind." + k));
        TextField speaker = new TextField(getTranslation("rotation.session.speaker"));
        speaker.setId("session-speaker");
        DatePicker date = new DatePicker(getTranslation("rotation.session.date"));
        date.setId("session-date");
        TimePicker from = new TimePicker(getTranslation("rotation.session.from"));
        from.setId("session-from");
        from.setStep(Duration.ofMinutes(15));
        TimePicker to = new TimePicker(getTranslation("rotation.session.to"));
        to.setId("session-to");
        to.setStep(Duration.ofMinutes(15));
        TextField place = new TextField(getTranslation("rotation.session.place"));
        BigDecimalField hours = new BigDecimalField(getTranslation("rotation.session.hours"));
        hours.setId("session-hours");
        IntegerField opens = new IntegerField(getTranslation("rotation.session.opens-before"));
        IntegerField late = new IntegerField(getTranslation("rotation.session.late-after"));
        IntegerField closes = new IntegerField(getTranslation("rotation.session.closes-after"));
        if (current != null) {
            title.setValue(current.title());
            kind.setValue(current.kind());
            speaker.setValue(current.speaker() == null ? "" : current.speaker());
            date.setValue(current.startsAt().toLocalDate());
            from.setValue(current.startsAt().toLocalTime());
            to.setValue(current.endsAt().toLocalTime());
            place.setValue(current.place() == null ? "" : current.place());
            hours.setValue(current.hours());
            opens.setValue(current.signInOpensBefore());
            late.setValue(current.signInLateAfter());
            closes.setValue(current.signInClosesAfter());
        } else {
            kind.setValue(SessionKind.LECTURE);
            date.setValue(day);
            from.setValue(LocalTime.of(9, 0));
            to.setValue(LocalTime.of(11, 30));
            hours.setValue(new BigDecimal("3"));
            opens.setValue(SessionData.OPENS_BEFORE_DEFAULT);
            late.setValue(SessionData.LATE_AFTER_DEFAULT);
            closes.setValue(SessionData.CLOSES_AFTER_DEFAULT);
        }
        FormLayout form = new FormLayout(title, kind, speaker, date, from, to, place, hours, opens, late, closes);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("500px", 3));
        form.setColspan(title, 3);
        add(form);
        UnsavedChanges changes = UnsavedChanges.ofDialog(this, title, kind, speaker, date, from, to, place, hours, opens, late,
                closes);
        Button ok = new Button(getTranslation("action.save"), e -> {
            if (date.getValue() == null || from.getValue() == null || to.getValue() == null) {
                Notices.error("rotation.error.session-times");
                return;
            }
            SessionData data = new SessionData(title.getValue(), kind.getValue(), speaker.getValue(),
                    date.getValue().atTime(from.getValue()), date.getValue().atTime(to.getValue()), place.getValue(),
                    hours.getValue(), value(opens), value(late), value(closes));
            if (Notices.attempt(() -> save.accept(data))) {
                changes.closeSaved();
            }
        });
        ok.setId("session-save");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("action.cancel"), e -> changes.requestClose());
        cancel.setId("session-cancel");
        getFooter().add(cancel, ok);
    }

    private static int value(IntegerField f) {
        return f.getValue() == null ? -1 : f.getValue();
    }
}
