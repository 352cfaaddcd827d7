package cn.tongxin.shell;

import cn.tongxin.attendance.AgendaItem;
import cn.tongxin.attendance.AnomalyService;
import cn.tongxin.attendance.LeaveService;
import cn.tongxin.attendance.Occasion;
import cn.tongxin.attendance.SignInService;
import cn.tongxin.base.Formats;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.lecture.LectureAnswers;
import cn.tongxin.lecture.LectureOrders;
import cn.tongxin.lecture.LectureReports;
import cn.tongxin.lecture.LectureStatus;
import cn.tongxin.lecture.MyInvitation;
import cn.tongxin.record.SelfStudy;
import cn.tongxin.record.SpotChecks;
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
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * The first page after signing in. A trainee sees what is coming up (and signs in from here when a window is
 * open); an organizer sees leave requests waiting for them; everyone gets shortcuts to what they may open, so on a
 * phone nobody has to find the menu first.
 */
@Route("")
@Menu(title = "nav.home", order = 0, icon = "vaadin:home")
@PermitAll
class HomeView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    static final int AGENDA_SIZE = 5;
    static final int LECTURES_SIZE = 3;
    /** The home page reads at most this many of the reports behind a count. */
    static final int NOTICE_LIMIT = 99;
    /** The sign-in anomalies a checker is told of on arriving: those of the last week. */
    static final Duration ANOMALY_WINDOW = Duration.ofDays(7);

    private final AuthenticationContext authentication;
    private final SignInService signIn;
    private final LeaveService leave;
    private final LectureAnswers lectures;
    private final LectureOrders orders;
    private final LectureReports reports;
    private final SelfStudy selfStudy;
    private final SpotChecks spotChecks;
    private final AnomalyService anomalies;
    private final Clock clock;

    HomeView(AuthenticationContext authentication, SignInService signIn, LeaveService leave, LectureAnswers lectures,
             LectureOrders orders, LectureReports reports, SelfStudy selfStudy, SpotChecks spotChecks, AnomalyService anomalies, Clock clock) {
        this.spotChecks = spotChecks;
        this.selfStudy = selfStudy;
        this.anomalies = anomalies;
        this.authentication = authentication;
        this.orders = orders;
        this.reports = reports;
        this.signIn = signIn;
        this.leave = leave;
        this.lectures = lectures;
        this.clock = clock;
        addClassNames("tx-page", "tx-home");
    }

    /** Built on every visit (Vaadin keeps this view when the menu leads back to it): the agenda moves with time. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        Caller caller = Callers.require();
        H2 greeting = new H2(getTranslation("home.greeting", caller.displayName()));
        greeting.setId("home-greeting");
        add(greeting, new Paragraph(getTranslation("home.unit", caller.unitName())));
        int pending = leave.pendingCount();
        if (pending > 0) {
            add(notice("home-pending-leave", getTranslation("home.leave.pending", pending), "home.leave.review", "attendance/leave"));
        }
        if (caller.isAdmin() || caller.has(Roles.ORGANIZER)) {
            int waiting = orders.waitingCount();
            if (waiting > 0) {
                add(notice("home-lecture-orders", getTranslation("lecture.home.orders-waiting", waiting),
                        "lecture.home.orders-open", "lecture-orders"));
            }
            long questioned = spotChecks.questionedForMe().stream().filter(i -> i.resolvedAt() == null).count();
            if (questioned > 0) {
                add(notice("home-questioned", getTranslation("record.home.questioned", questioned),
                        "record.home.questioned-open", "records/spot-checks"));
            }
            int toReview = reports.toReview(NOTICE_LIMIT).size();
            if (toReview > 0) {
                add(notice("home-lecture-reports", getTranslation("lecture.home.reports-review", toReview),
                        "lecture.home.reports-review-open", "lecture-reports"));
            }
        }
        if (caller.personId() != null) {
            SelfStudy.OpenEntries mine = selfStudy.myOpen();
            if (mine.returned() > 0) {
                add(notice("home-self-study-returned", getTranslation("record.home.self-study-returned", mine.returned()),
                        "record.home.self-study-open", "my/self-study"));
            }
            if (mine.pending() > 0) {
                add(notice("home-self-study-pending", getTranslation("record.home.self-study-pending", mine.pending()),
                        "record.home.self-study-open", "my/self-study"));
            }
        }
        if (caller.isAdmin() || caller.has(Roles.CHECKER)) {
            long queued = selfStudy.queue(null, null, LocalDate.now(clock).getYear(), 0, 1).total();
            if (queued > 0) {
                add(notice("home-self-study-queue", getTranslation("record.home.self-study-queue", queued),
                        "record.home.self-study-queue-open", "records/self-study-queue"));
            }
            long open = spotChecks.list().stream().filter(c -> c.status() == SpotChecks.Status.OPEN).count();
            if (open > 0) {
                add(notice("home-spot-checks", getTranslation("record.home.spot-checks", open),
                        "record.home.spot-checks-open", "records/spot-checks"));
            }
            int anomalous = anomalies.recent(ANOMALY_WINDOW).size();
            if (anomalous > 0) {
                add(notice("home-anomalies", getTranslation("record.home.anomalies", anomalous),
                        "record.home.anomalies-open", "attendance/anomalies"));
            }
        }
        if (caller.has(Roles.LECTURER)) {
            int due = reports.dueForMe(NOTICE_LIMIT).size();
            if (due > 0) {
                add(notice("home-reports-due", getTranslation("lecture.home.reports-due", due), "lecture.home.reports-due-open",
                        "my/lecturing"));
            }
        }
        if (caller.personId() != null) {
            add(new H3(getTranslation("home.agenda")), agenda(signIn.myAgenda(AGENDA_SIZE)));
            List<MyInvitation> invited = lectures.myInvitations(clock.instant(), LECTURES_SIZE + 1).stream()
                    .filter(i -> i.lecture().status() != LectureStatus.CANCELLED).limit(LECTURES_SIZE).toList();
            if (!invited.isEmpty()) {
                add(new H3(getTranslation("lecture.feeds.home.title")), invitedLectures(invited));
            }
        }
        add(new H3(getTranslation("home.shortcuts")), shortcuts(MainLayout.menuFor(authentication)));
    }

    /** Something waiting for this person, with the button that leads to it. */
    private Component notice(String id, String text, String buttonKey, String route) {
        Button open = new Button(getTranslation(buttonKey), e -> UI.getCurrent().navigate(route));
        open.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        Div notice = new Div(new Span(text), open);
        notice.addClassNames("tx-card", "tx-home-notice");
        notice.setId(id);
        return notice;
    }

    private Component agenda(List<AgendaItem> items) {
        if (items.isEmpty()) {
            return new EmptyState("home.agenda.empty.title", "home.agenda.empty.hint");
        }
        Div list = new Div();
        list.addClassName("tx-agenda");
        list.setId("home-agenda");
        for (AgendaItem item : items) {
            Occasion o = item.occasion();
            Span title = new Span(o.title());
            title.addClassName("tx-agenda-title");
            Span context = new Span(o.context());
            context.addClassName("tx-agenda-context");
            Span when = new Span(Formats.dateTime(o.startsAt()) + (o.place() == null ? "" : " · " + o.place()));
            when.addClassName("tx-agenda-when");
            Div text = new Div(title, context, when);
            text.addClassName("tx-agenda-text");
            Div card = new Div(text);
            card.addClassNames("tx-card", "tx-agenda-item");
            if (item.signedInAt() != null) {
                Span done = new Span(getTranslation("home.agenda.signed-in", Formats.time(item.signedInAt())));
                done.getElement().getThemeList().add("badge success");
                Div actions = new Div(done);
                actions.addClassName("tx-agenda-actions");
                card.add(actions);
            } else if (item.signInOpen()) {
                Span open = new Span(getTranslation("home.agenda.open"));
                open.getElement().getThemeList().add("badge success");
                Button signInButton = new Button(getTranslation("home.agenda.sign-in"), e -> UI.getCurrent().navigate("sign-in"));
                signInButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                signInButton.addClassName("tx-agenda-sign-in");
                Div actions = new Div(open, signInButton);
                actions.addClassName("tx-agenda-actions");
                card.add(actions);
                card.addClassName("tx-agenda-open");
            }
            list.add(card);
        }
        return list;
    }

    /** My next lectures, each opening its page, with my answer; the answer itself is given there or in my lectures. */
    private Component invitedLectures(List<MyInvitation> invited) {
        Div list = new Div();
        list.addClassName("tx-agenda");
        list.setId("home-lectures");
        for (MyInvitation i : invited) {
            Anchor title = new Anchor("lectures/" + i.lecture().id(), i.lecture().title());
            title.getElement().setAttribute("router-link", true);
            title.addClassName("tx-agenda-title");
            title.setId("home-lecture-" + i.lecture().id());
            Span when = new Span(Formats.dateTime(i.lecture().startsAt())
                                 + (i.lecture().where().isBlank() ? "" : " · " + i.lecture().where()));
            when.addClassName("tx-agenda-when");
            Div text = new Div(title, when);
            text.addClassName("tx-agenda-text");
            Span answer = new Span(getTranslation("lecture.feeds.answer.state." + i.response()));
            answer.getElement().getThemeList().add(switch (i.response()) {
                case CONFIRMED -> "badge success";
                case DECLINED -> "badge contrast";
                case INVITED -> "badge";
            });
            Div actions = new Div(answer);
            actions.addClassName("tx-agenda-actions");
            Div card = new Div(text, actions);
            card.addClassNames("tx-card", "tx-agenda-item");
            list.add(card);
        }
        Anchor all = new Anchor("my/lectures", getTranslation("lecture.feeds.home.all"));
        all.getElement().setAttribute("router-link", true);
        all.setId("home-lectures-all");
        list.add(all);
        return list;
    }

    private Component shortcuts(List<MenuEntry> entries) {
        Div grid = new Div();
        grid.addClassName("tx-shortcuts");
        grid.setId("home-shortcuts");
        for (MenuEntry entry : entries) {
            if (entry.menuClass() == HomeView.class) {
                continue;
            }
            Anchor tile = new Anchor(entry.path());
            tile.getElement().setAttribute("router-link", true); // navigate inside the app, no page load
            Icon icon = MainLayout.icon(entry);
            if (icon != null) {
                tile.add(icon);
            }
            tile.add(new Span(getTranslation(entry.title())));
            tile.addClassName("tx-shortcut");
            grid.add(tile);
        }
        return grid;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.home");
    }
}
