package cn.tongxin.attendance.ui;

import cn.tongxin.base.Formats;
import cn.tongxin.attendance.Occasion;
import cn.tongxin.attendance.SignInService;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.RolesAllowed;

import java.time.Clock;
import java.time.LocalDate;

/** The day's sign-ins in the organizer's units, each with its door screen, kiosk and live board. */
@Route("attendance")
@Menu(title = "nav.attendance", order = 30, icon = "vaadin:check-square-o")
@RolesAllowed({Roles.ADMIN, Roles.ORGANIZER})
class AttendanceView extends VerticalLayout implements HasDynamicTitle {

    private final SignInService signIn;
    private final Div list = new Div();

    AttendanceView(SignInService signIn, Clock clock) {
        this.signIn = signIn;
        addClassName("tx-page");
        DatePicker day = new DatePicker(getTranslation("attendance.list.day"), LocalDate.now(clock));
        day.setId("attendance-day");
        day.addValueChangeListener(e -> show(e.getValue()));
        list.setId("attendance-list");
        list.setWidthFull();
        add(day, list);
        show(day.getValue());
    }

    private void show(LocalDate day) {
        list.removeAll();
        if (day == null) {
            return;
        }
        var occasions = signIn.occasionsOn(day);
        if (occasions.isEmpty()) {
            list.add(new EmptyState("attendance.list.empty", "attendance.list.empty-hint"));
            return;
        }
        for (Occasion o : occasions) {
            Span when = new Span(getTranslation("attendance.list.when", Formats.time(o.startsAt()), Formats.time(o.endsAt()),
                    Formats.time(o.opensAt()), Formats.time(o.lateAt()), Formats.time(o.closesAt()), o.place()));
            when.addClassName("tx-muted");
            var params = OccasionRoute.params(o.ref());
            HorizontalLayout links = new HorizontalLayout(
                    new RouterLink(getTranslation("attendance.list.door"), DoorView.class, params),
                    new RouterLink(getTranslation("attendance.list.kiosk"), KioskView.class, params),
                    new RouterLink(getTranslation("attendance.list.board"), BoardView.class, params));
            links.setWrap(true);
            Div card = new Div(new Span(o.context()), new H3(o.title()), when, links);
            card.addClassName("tx-card");
            card.getStyle().set("margin-bottom", "var(--lumo-space-s)");
            list.add(card);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.attendance");
    }
}
