package cn.tongxin.rotation.ui;

import cn.tongxin.base.ui.Confirm;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.rotation.CompletionDocuments;
import cn.tongxin.rotation.EnrollmentService;
import cn.tongxin.rotation.EnrollmentStatus;
import cn.tongxin.rotation.MyClass;
import cn.tongxin.rotation.SessionRow;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.PermitAll;
import org.springframework.beans.factory.ObjectProvider;

import java.io.ByteArrayInputStream;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A trainee's classes, each with its timetable day by day; confirm or decline an invitation. Phone first. */
@Route("my/classes")
@cn.tongxin.base.ui.PersonalPage
@Menu(title = "nav.rotation.my-classes", order = 5, icon = "vaadin:academy-cap")
@PermitAll
class MyClassesView extends VerticalLayout implements HasDynamicTitle {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private final EnrollmentService enrollment;
    private final ObjectProvider<CompletionDocuments> documents;

    MyClassesView(EnrollmentService enrollment, ObjectProvider<CompletionDocuments> documents) {
        this.enrollment = enrollment;
        this.documents = documents;
        addClassName("tx-page");
        setWidthFull();
        render();
    }

    private void render() {
        removeAll();
        List<MyClass> classes = enrollment.myClasses();
        if (classes.isEmpty()) {
            add(new EmptyState("rotation.my.empty", "rotation.my.empty-hint"));
            return;
        }
        for (MyClass c : classes) {
            add(card(c));
        }
    }

    private Div card(MyClass c) {
        Div card = new Div();
        card.addClassName("tx-card");
        card.setWidthFull();
        H3 title = new H3(c.title());
        title.getStyle().set("margin", "0");
        Span status = new Span(getTranslation("rotation.enrollment." + c.status()));
        status.getElement().getThemeList().add(switch (c.status()) {
            case COMPLETED, CONFIRMED -> "badge success";
            case INVITED, WAITLISTED -> "badge";
            default -> "badge contrast";
        });
        status.setId("my-status-" + c.classId());
        Span when = new Span(c.startDate() + " – " + c.endDate() + (c.venue() == null ? "" : " · " + c.venue()));
        when.addClassName("tx-muted");
        card.add(title, new Div(status, new Span(" "), when));
        if (c.status() == EnrollmentStatus.INVITED) {
            Button confirm = new Button(getTranslation("rotation.my.confirm"), e -> {
                if (Notices.attempt(() -> enrollment.confirm(c.enrollmentId()))) {
                    Notices.success("rotation.my.confirmed");
                    render();
                }
            });
            confirm.setId("confirm-" + c.classId());
            confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            Button decline = new Button(getTranslation("rotation.my.decline"), e -> confirmDecline(c));
            decline.setId("decline-" + c.classId());
            decline.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            HorizontalLayout actions = new HorizontalLayout(confirm, decline);
            actions.addClassName("tx-filters");
            card.add(actions);
        } else if (c.status() == EnrollmentStatus.CONFIRMED) {
            Button decline = new Button(getTranslation("rotation.my.decline"), e -> confirmDecline(c));
            decline.setId("decline-" + c.classId());
            decline.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            card.add(new Div(decline));
        }
        if (c.status() == EnrollmentStatus.COMPLETED) {
            certificateLink(c).ifPresent(card::add);
        }
        Map<LocalDate, List<SessionRow>> byDay = new LinkedHashMap<>();
        c.sessions().forEach(s -> byDay.computeIfAbsent(s.startsAt().toLocalDate(), d -> new java.util.ArrayList<>()).add(s));
        VerticalLayout days = new VerticalLayout();
        days.setPadding(false);
        days.setSpacing(false);
        byDay.forEach((day, sessions) -> {
            Span head = new Span(day + " " + day.getDayOfWeek().getDisplayName(TextStyle.SHORT, getLocale()));
            head.getStyle().set("font-weight", "600").set("margin-top", "var(--lumo-space-s)");
            days.add(head);
            for (SessionRow s : sessions) {
                Div line = new Div();
                line.addClassName("tx-session");
                Span time = new Span(TIME.format(s.startsAt()) + "–" + TIME.format(s.endsAt()));
                time.addClassName("tx-session-time");
                Span more = new Span(String.join(" · ", java.util.stream.Stream.of(
                        getTranslation("rotation.kind." + s.kind()), s.speaker(), s.place())
                        .filter(x -> x != null && !x.isBlank()).toList()));
                more.addClassName("tx-muted");
                line.add(time, new Div(new Div(new Span(s.title())), more));
                days.add(line);
            }
        });
        Details timetable = new Details(getTranslation("rotation.class.timetable"), days);
        timetable.setOpened(c.classStatus() != cn.tongxin.rotation.ClassStatus.CLOSED);
        timetable.setWidthFull();
        card.add(timetable);
        return card;
    }

    /** Giving up a seat hands it to the waiting list for good: ask first. */
    private void confirmDecline(MyClass c) {
        Confirm.ask(getTranslation("rotation.confirm.decline.title"), getTranslation("rotation.confirm.decline.message", c.title()),
                getTranslation("rotation.confirm.decline.title"), true, () -> {
                    enrollment.decline(c.enrollmentId());
                    render();
                });
    }

    /** The certificate download of a completed class, when a module offers certificates and one was issued. */
    private java.util.Optional<Div> certificateLink(MyClass c) {
        CompletionDocuments docs = documents.getIfAvailable();
        if (docs == null) {
            return java.util.Optional.empty();
        }
        Locale locale = getLocale();
        return docs.fileName(c.enrollmentId()).map(name -> {
            Anchor link = new Anchor(DownloadHandler.fromInputStream(ev -> new DownloadResponse(
                    new ByteArrayInputStream(docs.content(c.enrollmentId(), locale)), name, "application/pdf", -1)),
                    getTranslation("rotation.my.certificate"));
            link.setId("certificate-" + c.classId());
            link.getElement().setAttribute("download", true);
            return new Div(link);
        });
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.rotation.my-classes");
    }
}
