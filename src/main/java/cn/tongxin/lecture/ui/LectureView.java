package cn.tongxin.lecture.ui;

import cn.tongxin.base.DomainException;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.lecture.LectureAnswers;
import cn.tongxin.lecture.LectureDetail;
import cn.tongxin.lecture.LectureFeedback;
import cn.tongxin.lecture.LectureService;
import cn.tongxin.lecture.LectureStatus;
import cn.tongxin.people.Audience;
import cn.tongxin.people.ReferenceDataService;
import cn.tongxin.people.ReferenceItem;
import cn.tongxin.people.UnitService;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import jakarta.annotation.security.PermitAll;
import org.springframework.security.access.AccessDeniedException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One lecture (the page the invitations, the calendar and the sign-in link to): what, when, where, who gives it, to
 * whom, how the invitees answered, its state; for its managers the steps of its life and the sign-in of the occasion.
 * Anyone who may not see it gets the same "not found or not yours" page, which does not tell whether it exists.
 */
@Route("lectures/:" + LectureView.ID + "([0-9]{1,18})")
@PermitAll
class LectureView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String ID = "id";

    private final LectureService lectures;
    private final ReferenceDataService reference;
    private final UnitService units;
    private final Clock clock;

    /** Filled by the invitee's answer (confirm or decline), built elsewhere. */
    final Div answerSlot = slot("lecture-answer-slot");
    /** Filled by the lecturer's report and its review, built elsewhere. */
    final Div reportSlot = slot("lecture-report-slot");
    /** Filled by the audience's feedback and its results, built elsewhere. */
    final Div feedbackSlot = slot("lecture-feedback-slot");

    private LectureDetail detail;
    private String title;

    private final LectureAnswers answers;
    private final LectureFeedback feedback;

    LectureView(LectureService lectures, LectureAnswers answers, LectureFeedback feedback, ReferenceDataService reference,
                UnitService units, Clock clock) {
        this.lectures = lectures;
        this.answers = answers;
        this.feedback = feedback;
        this.clock = clock;
        this.reference = reference;
        this.units = units;
        addClassName("tx-page");
    }

    private static Div slot(String id) {
        Div d = new Div();
        d.setId(id);
        d.setWidthFull();
        return d;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong(ID).orElse(0L);
        try {
            detail = lectures.get(id);
        } catch (AccessDeniedException | DomainException e) {
            detail = null;
        }
        render();
    }

    private void render() {
        removeAll();
        if (detail == null) {
            title = getTranslation("lecture.schedule.page.unavailable");
            EmptyState notFound = new EmptyState("lecture.schedule.page.unavailable", "lecture.schedule.page.unavailable-hint");
            notFound.setId("lecture-unavailable");
            add(back(), notFound);
            return;
        }
        title = detail.data().title();
        boolean manager = lectures.canManage(detail.id());
        Caller caller = Callers.require();
        boolean lecturer = detail.lecturers().stream().anyMatch(p -> caller.isPerson(p.id()));

        H2 heading = new H2(detail.data().title());
        heading.setId("lecture-heading");
        heading.getStyle().set("margin", "0").set("overflow-wrap", "anywhere");
        Span status = LectureLook.badge(detail.status());
        status.setId("lecture-status");
        HorizontalLayout head = new HorizontalLayout(heading, status);
        head.setAlignItems(FlexComponent.Alignment.CENTER);
        head.addClassName("tx-filters");
        add(back(), head);
        if (detail.status() == LectureStatus.CANCELLED && detail.cancelReason() != null) {
            Span reason = new Span(getTranslation("lecture.schedule.page.cancel-reason", detail.cancelReason()));
            reason.setId("lecture-cancel-reason");
            Div banner = new Div(VaadinIcon.BAN.create(), reason);
            banner.addClassNames("tx-banner", "tx-banner-warning");
            add(banner);
        }

        add(facts());
        add(counts());
        add(actions(manager, lecturer));
        answerSlot.removeAll();
        InvitationAnswer answer = new InvitationAnswer(answers, detail.id());
        answer.addAnswerListener(r -> {
            detail = lectures.get(detail.id()); // the counts follow the answer
            render();
        });
        answerSlot.add(answer);
        reportSlot.removeAll();
        boolean after = detail.status() == LectureStatus.HELD
                        || (detail.status() == LectureStatus.PUBLISHED && !detail.data().startsAt().isAfter(clock.instant()));
        if (after && (lecturer || manager || caller.has(Roles.CHECKER) || caller.isAdmin())) {
            Button report = new Button(getTranslation(lecturer ? "lecture.schedule.page.report-file" : "lecture.schedule.page.report"),
                    VaadinIcon.FILE_TEXT_O.create(), e -> UI.getCurrent().navigate("lectures/" + detail.id() + "/report"));
            report.setId("lecture-report");
            reportSlot.add(report);
        }
        feedbackSlot.removeAll();
        feedbackSlot.add(new LectureFeedbackButton(feedback, detail.id()));
        add(answerSlot, reportSlot, feedbackSlot);
    }

    /** Back to the calendar, at the lecture's month. */
    private Component back() {
        Button back = new Button(getTranslation("lecture.schedule.page.to-calendar"), VaadinIcon.ARROW_LEFT.create(),
                e -> UI.getCurrent().navigate(LectureCalendarView.class, detail == null ? com.vaadin.flow.router.QueryParameters.empty()
                        : LectureCalendarView.at(LectureLook.day(detail.data().startsAt()))));
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        back.setId("lecture-to-calendar");
        return back;
    }

    /** The facts as label / value pairs; every value is set as text. */
    private Component facts() {
        Div grid = new Div();
        grid.setId("lecture-facts");
        grid.addClassName("tx-card");
        grid.getStyle().set("display", "grid").set("grid-template-columns", "max-content 1fr")
                .set("gap", "var(--lumo-space-s) var(--lumo-space-l)").set("align-items", "baseline")
                .set("max-width", "760px").set("box-sizing", "border-box").set("width", "100%");
        fact(grid, "topic", detail.topicTitle());
        fact(grid, "time", LectureLook.when(detail.data().startsAt(), detail.data().endsAt()));
        String where = detail.where();
        if (detail.venueAddress() != null && !detail.venueAddress().isBlank()) {
            where = where + getTranslation("lecture.schedule.page.address", detail.venueAddress());
        }
        fact(grid, "where", where.isBlank() ? getTranslation("lecture.schedule.page.no-place") : where);
        fact(grid, "lecturers", detail.lecturers().stream().map(p -> p.name() + "（" + p.unitName() + "）")
                .collect(Collectors.joining("、")));
        if (detail.groupName() != null) {
            fact(grid, "group", detail.groupName());
        }
        fact(grid, "unit", detail.unitName());
        fact(grid, "audience", audience(detail.data().audience()));
        fact(grid, "expected", getTranslation("lecture.schedule.page.expected-text", detail.data().expectedCount()));
        fact(grid, "hours", detail.data().hours().stripTrailingZeros().toPlainString());
        return grid;
    }

    private void fact(Div grid, String key, String value) {
        Span label = new Span(getTranslation("lecture.schedule.page." + key));
        label.addClassName("tx-muted");
        Span text = new Span(value == null ? "" : value);
        text.setId("lecture-" + key);
        text.getStyle().set("overflow-wrap", "anywhere");
        grid.add(label, text);
    }

    /** "民主党派成员、无党派人士 · 民革 · 青州市 及下级 · 仅代表人士 · 另点名 3 人" from the audience's ids. */
    private String audience(Audience a) {
        List<String> parts = new ArrayList<>();
        if (!a.sectorIds().isEmpty()) {
            parts.add(names(reference.sectors(), a.sectorIds()));
        }
        if (!a.partyIds().isEmpty()) {
            parts.add(names(reference.parties(), a.partyIds()));
        }
        if (!a.unitIds().isEmpty()) {
            List<String> unitNames = new ArrayList<>();
            for (Long u : a.unitIds()) {
                try {
                    unitNames.add(units.get(u).name());
                } catch (DomainException e) {
                    // a unit removed since: nothing to name
                }
            }
            parts.add(getTranslation("lecture.schedule.page.audience-units", String.join("、", unitNames)));
        }
        if (a.representativeOnly()) {
            parts.add(getTranslation("lecture.schedule.page.audience-representative"));
        }
        if (!a.personIds().isEmpty()) {
            parts.add(getTranslation("lecture.schedule.page.audience-named", a.personIds().size()));
        }
        return parts.isEmpty() ? getTranslation("lecture.schedule.page.audience-none") : String.join(" · ", parts);
    }

    private static String names(List<ReferenceItem> items, Set<Long> ids) {
        return items.stream().filter(i -> ids.contains(i.id())).map(ReferenceItem::name).collect(Collectors.joining("、"));
    }

    private Component counts() {
        HorizontalLayout stats = new HorizontalLayout(stat("invited", detail.invited()), stat("confirmed", detail.confirmed()),
                stat("declined", detail.declined()));
        stats.setId("lecture-counts");
        stats.addClassName("tx-stats");
        stats.setMaxWidth("760px");
        return stats;
    }

    private Component stat(String key, int n) {
        Span number = new Span(String.valueOf(n));
        number.addClassName("tx-stat");
        number.setId("lecture-count-" + key);
        Span label = new Span(getTranslation("lecture.schedule.page." + key));
        label.addClassName("tx-muted");
        Div card = new Div(number, label);
        card.addClassNames("tx-card", "tx-stat-card");
        return card;
    }

    /** Edit, publish, cancel, held for its managers; held for its lecturers; the sign-in of the occasion. */
    private Component actions(boolean manager, boolean lecturer) {
        VerticalLayout box = new VerticalLayout();
        box.setPadding(false);
        LectureStatus s = detail.status();
        boolean started = !detail.data().startsAt().isAfter(clock.instant());
        HorizontalLayout buttons = new HorizontalLayout();
        buttons.addClassName("tx-filters");
        if (manager && (s == LectureStatus.PLANNED || s == LectureStatus.PUBLISHED)) {
            Button edit = new Button(getTranslation("action.edit"), VaadinIcon.EDIT.create(),
                    e -> UI.getCurrent().navigate(LectureFormView.class,
                            new RouteParameters(LectureFormView.ID, String.valueOf(detail.id()))));
            edit.setId("lecture-edit");
            buttons.add(edit);
        }
        if (manager && s == LectureStatus.PLANNED) {
            Button publish = new Button(getTranslation("lecture.schedule.publish"), VaadinIcon.ENVELOPES_O.create(),
                    e -> LectureActions.publish(detail.data().title(), () -> lectures.publish(detail.id(), detail.version()),
                            this::reload));
            publish.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            publish.setId("lecture-publish");
            buttons.add(publish);
        }
        if ((manager || lecturer) && s == LectureStatus.PUBLISHED && started) {
            Button held = new Button(getTranslation("lecture.schedule.mark-held"), VaadinIcon.CHECK.create(),
                    e -> LectureActions.markHeld(lectures, detail, this::reload));
            held.setId("lecture-held");
            buttons.add(held);
        }
        if (manager && (s == LectureStatus.PLANNED || s == LectureStatus.PUBLISHED)) {
            Button cancel = new Button(getTranslation("lecture.schedule.cancel"), VaadinIcon.BAN.create(),
                    e -> LectureActions.cancel(lectures, detail, this::reload));
            cancel.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            cancel.setId("lecture-cancel");
            buttons.add(cancel);
        }
        if (buttons.getComponentCount() > 0) {
            box.add(buttons);
        }
        if (manager && (s == LectureStatus.PUBLISHED || s == LectureStatus.HELD)) {
            // The lecture is a sign-in occasion of kind LECTURE: the attendance pages serve it as they serve a session.
            H4 signIn = new H4(getTranslation("lecture.schedule.page.sign-in"));
            signIn.getStyle().set("margin", "var(--lumo-space-s) 0 0");
            Anchor door = new Anchor("attendance/door/LECTURE/" + detail.id(), getTranslation("lecture.schedule.page.door"));
            door.setTarget("_blank");
            door.setId("lecture-door");
            Anchor board = new Anchor("attendance/board/LECTURE/" + detail.id(), getTranslation("lecture.schedule.page.board"));
            board.setId("lecture-board");
            Anchor kiosk = new Anchor("attendance/kiosk/LECTURE/" + detail.id(), getTranslation("lecture.schedule.page.kiosk"));
            kiosk.setId("lecture-kiosk");
            HorizontalLayout links = new HorizontalLayout(door, board, kiosk);
            links.addClassName("tx-filters");
            box.add(signIn, links);
        }
        return box;
    }

    private void reload() {
        detail = lectures.get(detail.id());
        render();
    }

    @Override
    public String getPageTitle() {
        return title == null ? getTranslation("lecture.schedule.nav") : title;
    }
}
