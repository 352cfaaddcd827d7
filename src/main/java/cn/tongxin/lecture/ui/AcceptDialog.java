package cn.tongxin.lecture.ui;

import cn.tongxin.Application;
import cn.tongxin.base.Formats;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.base.ui.UnsavedChanges;
import cn.tongxin.lecture.Clash;
import cn.tongxin.lecture.LectureChoices;
import cn.tongxin.lecture.LectureData;
import cn.tongxin.lecture.LectureOrderRow;
import cn.tongxin.lecture.LectureOrders;
import cn.tongxin.lecture.LectureService;
import cn.tongxin.lecture.OrderStatus;
import cn.tongxin.lecture.VenueOption;
import cn.tongxin.people.PersonOption;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Accepting an order: lecturers, time and venue of the lecture it schedules. What the choice clashes with is shown
 * as it changes and checked once more on saving; the database refuses a clash saved at the same moment too. When the
 * ordering unit agreed to a proposed time, the time is that one.
 */
class AcceptDialog extends Dialog {

    private final LectureService lectures;
    private final Div clashes = new Div();
    private LectureData draft;

    AcceptDialog(LectureOrders orders, LectureService lectures, LectureChoices choices, LectureOrderRow order, Runnable accepted) {
        this.lectures = lectures;
        this.draft = orders.draft(order.id());
        setHeaderTitle(getTranslation("lecture.orders.accept.title", order.topicTitle()));
        setWidth("min(680px, 100vw)");
        TextField title = new TextField(getTranslation("lecture.orders.accept.title-field"));
        title.setId("accept-title");
        title.setMaxLength(LectureData.TITLE_MAX);
        title.setValue(draft.title());
        MultiSelectComboBox<PersonOption> lecturers = new MultiSelectComboBox<>(getTranslation("lecture.orders.accept.lecturers"));
        lecturers.setId("accept-lecturers");
        lecturers.setItems(choices.lecturers(Set.of()));
        lecturers.setItemLabelGenerator(p -> p.person().text(getLocale(), p.unitName()));
        lecturers.setRequired(true);
        ZonedDateTime start = draft.startsAt().atZone(Application.ZONE);
        ZonedDateTime end = draft.endsAt().atZone(Application.ZONE);
        DatePicker date = new DatePicker(getTranslation("lecture.orders.accept.date"), start.toLocalDate());
        date.setId("accept-date");
        TimePicker from = new TimePicker(getTranslation("lecture.orders.accept.start"), start.toLocalTime());
        from.setId("accept-start");
        TimePicker to = new TimePicker(getTranslation("lecture.orders.accept.end"), end.toLocalTime());
        to.setId("accept-end");
        boolean agreed = order.status() == OrderStatus.AGREED;
        date.setReadOnly(agreed);
        from.setReadOnly(agreed);
        to.setReadOnly(agreed);
        ComboBox<VenueOption> venue = new ComboBox<>(getTranslation("lecture.orders.accept.venue"));
        venue.setId("accept-venue");
        List<VenueOption> venues = orders.venues(order.unitId());
        venue.setItems(venues);
        venue.setItemLabelGenerator(v -> v.name() + " · " + v.unitName() + " · " + v.capacity());
        venue.setClearButtonVisible(true);
        venues.stream().filter(v -> draft.venueId() != null && v.id() == draft.venueId()).findFirst().ifPresent(venue::setValue);
        TextField place = new TextField(getTranslation("lecture.orders.accept.place"));
        place.setId("accept-place");
        place.setMaxLength(LectureData.PLACE_MAX);
        FormLayout form = new FormLayout(title, lecturers, date, venue, from, to, place);
        form.setColspan(title, 2);
        form.setColspan(lecturers, 2);
        add(form);
        if (agreed) {
            add(new Paragraph(getTranslation("lecture.orders.accept.fixed-time")));
        }
        clashes.setId("accept-clashes");
        add(clashes);
        Runnable read = () -> draft = form(draft, title.getValue(), lecturers.getValue(), date.getValue(), from.getValue(),
                to.getValue(), venue.getValue(), place.getValue());
        List<HasValue<?, ?>> fields = List.of(lecturers, date, from, to, venue);
        fields.forEach(f -> f.addValueChangeListener(e -> {
            read.run();
            showClashes();
        }));
        UnsavedChanges changes = UnsavedChanges.ofDialog(this, title, lecturers, date, from, to, venue, place);
        Button check = new Button(getTranslation("lecture.orders.accept.check"), e -> {
            read.run();
            showClashes();
        });
        check.setId("accept-check");
        Button save = new Button(getTranslation("lecture.orders.accept.save"), e -> {
            read.run();
            if (!showClashes().isEmpty()) {
                return;
            }
            if (Notices.attempt(() -> orders.accept(order.id(), order.version(), draft))) {
                Notices.success("lecture.orders.accept.done");
                changes.closeSaved();
                accepted.run();
            } else {
                showClashes();
            }
        });
        save.setId("accept-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("action.cancel"), e -> changes.requestClose());
        cancel.setId("accept-cancel");
        getFooter().add(cancel, check, save);
    }

    /** The clashes of the form as it stands, shown under it; empty when there are none. */
    private List<Clash> showClashes() {
        clashes.removeAll();
        if (draft.lecturerIds().isEmpty() && draft.venueId() == null) {
            return List.of();
        }
        List<Clash> found = lectures.clashes(draft, null);
        if (found.isEmpty()) {
            clashes.add(new Paragraph(getTranslation("lecture.orders.accept.no-clash")));
            return found;
        }
        Paragraph head = new Paragraph(getTranslation("lecture.orders.accept.clashes"));
        head.getStyle().set("color", "var(--lumo-error-text-color)");
        clashes.add(head);
        for (Clash c : found) {
            Div line = new Div();
            line.setText(getTranslation("lecture.orders.accept.clash." + c.kind(), c.who(), c.title(),
                    Formats.dateTime(c.startsAt()) + "–" + Formats.time(c.endsAt())));
            line.addClassName("tx-clash");
            clashes.add(line);
        }
        return found;
    }

    private static LectureData form(LectureData d, String title, Set<PersonOption> lecturers, LocalDate date, LocalTime from,
                                    LocalTime to, VenueOption venue, String place) {
        Instant start = date == null || from == null ? null : date.atTime(from).atZone(Application.ZONE).toInstant();
        Instant end = date == null || to == null ? null : date.atTime(to).atZone(Application.ZONE).toInstant();
        return new LectureData(d.topicId(), title, d.unitId(), d.groupId(),
                lecturers.stream().map(PersonOption::id).collect(Collectors.toSet()), venue == null ? null : venue.id(),
                place, start, end, d.expectedCount(), d.hours(), d.audience(), d.opensBefore(), d.lateAfter(),
                d.closesAfter());
    }
}
