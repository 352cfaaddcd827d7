package cn.tongxin.attendance.ui;

import cn.tongxin.base.Formats;
import cn.tongxin.attendance.AttendanceStatus;
import cn.tongxin.attendance.Board;
import cn.tongxin.attendance.OccasionRef;
import cn.tongxin.attendance.SignInService;
import cn.tongxin.base.ui.EChart;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The organizer's live board: who is in and who is missing, by unit, updated by server push right after
 * each sign-in; marks by hand with a reason; a reminder mail to the missing in one click.
 */
@Route("attendance/board/:kind/:id")
@RolesAllowed({Roles.ADMIN, Roles.ORGANIZER})
class BoardView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final SignInService signIn;
    private final BoardBroadcaster broadcaster;
    private final H2 title = new H2();
    private final Span state = new Span();
    private final FlexLayout stats = new FlexLayout();
    private final EChart byUnit = new EChart("260px");
    private final Grid<Board.Row> signed = new Grid<>();
    private final Grid<Board.Row> missing = new Grid<>();
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private OccasionRef ref;
    private Runnable unregister;

    BoardView(SignInService signIn, BoardBroadcaster broadcaster) {
        this.signIn = signIn;
        this.broadcaster = broadcaster;
        addClassName("tx-page");
        setWidthFull();
        stats.setId("board-stats");
        stats.addClassName("tx-stats");
        state.addClassName("tx-muted");

        signed.setId("board-signed");
        signed.addColumn(Board.Row::name).setHeader(getTranslation("attendance.board.name")).setAutoWidth(true);
        signed.addColumn(Board.Row::unitName).setHeader(getTranslation("attendance.board.unit")).setAutoWidth(true);
        signed.addColumn(r -> getTranslation("attendance.status." + r.status())).setHeader(getTranslation("attendance.board.status"));
        signed.addColumn(r -> Formats.time(r.at())).setHeader(getTranslation("attendance.board.time"));
        signed.addColumn(r -> getTranslation("attendance.method." + r.method())).setHeader(getTranslation("attendance.board.method"));
        signed.setHeight("360px");

        missing.setId("board-missing");
        missing.setSelectionMode(Grid.SelectionMode.MULTI);
        missing.addColumn(Board.Row::name).setHeader(getTranslation("attendance.board.name")).setAutoWidth(true);
        missing.addColumn(Board.Row::unitName).setHeader(getTranslation("attendance.board.unit")).setAutoWidth(true);
        missing.setHeight("360px");

        Button mark = new Button(getTranslation("attendance.board.mark"), e -> openMarkDialog());
        mark.setId("board-mark");
        Button remind = new Button(getTranslation("attendance.board.remind"), e -> Notices.attempt(() ->
                Notices.success("attendance.board.reminded", signIn.remindMissing(ref))));
        remind.setId("board-remind");
        remind.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        HorizontalLayout missingHeader = new HorizontalLayout(new H3(getTranslation("attendance.board.missing")), mark, remind);
        missingHeader.setAlignItems(Alignment.BASELINE);
        missingHeader.setWrap(true);
        Div columns = new Div(
                new Div(new H3(getTranslation("attendance.board.signed")), signed),
                new Div(missingHeader, missing));
        columns.addClassName("tx-two-columns");
        columns.setWidthFull();
        add(title, state, stats, byUnit, columns);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        ref = OccasionRoute.of(event.getRouteParameters()).orElse(null);
        if (ref == null) {
            event.forwardTo(AttendanceView.class);
            return;
        }
        add(new HorizontalLayout(
                new RouterLink(getTranslation("attendance.list.door"), DoorView.class, OccasionRoute.params(ref)),
                new RouterLink(getTranslation("attendance.list.kiosk"), KioskView.class, OccasionRoute.params(ref))));
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        UI ui = attachEvent.getUI();
        unregister = broadcaster.register(ref, () -> {
            // A burst of sign-ins becomes one refresh.
            if (refreshQueued.compareAndSet(false, true)) {
                ui.access(() -> {
                    refreshQueued.set(false);
                    refresh();
                });
            }
        });
        // Sign-ins taken by another instance arrive through BoardRelay within a second; this poll is the safety net
        // for a nudge that got lost (the relay reconnecting to the database, a missed ui.access).
        ui.setPollInterval(10_000);
        ui.addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (unregister != null) {
            unregister.run();
        }
        detachEvent.getUI().setPollInterval(-1);
    }

    void refresh() {
        Board board = signIn.board(ref);
        title.setText(board.occasion().context() + " · " + board.occasion().title());
        state.setText(getTranslation("attendance.window." + board.state()) + " · " + Formats.dateTime(board.occasion().startsAt())
                + " · " + board.occasion().place());
        stats.removeAll();
        stats.add(stat("attendance.board.expected", board.expected()),
                stat("attendance.status.PRESENT", board.count(AttendanceStatus.PRESENT)),
                stat("attendance.status.LATE", board.count(AttendanceStatus.LATE)),
                stat("attendance.status.LEAVE", board.count(AttendanceStatus.LEAVE)),
                stat("attendance.status.ABSENT", board.count(AttendanceStatus.ABSENT)),
                stat("attendance.board.missing", board.missing().size()));
        signed.setItems(board.signed());
        missing.setItems(board.missing());
        byUnit.setOption(chart(board));
    }

    private Div stat(String key, int value) {
        Span number = new Span(String.valueOf(value));
        number.addClassName("tx-stat");
        Span label = new Span(getTranslation(key));
        label.addClassName("tx-muted");
        Div card = new Div(number, label);
        card.addClassNames("tx-card", "tx-stat-card");
        card.getElement().setAttribute("data-stat", key);
        return card;
    }

    private String chart(Board board) {
        List<Board.UnitCount> units = board.byUnit();
        String names = units.stream().map(u -> EChart.json(u.unitName())).collect(Collectors.joining(","));
        String in = units.stream().map(u -> String.valueOf(u.signed())).collect(Collectors.joining(","));
        String out = units.stream().map(u -> String.valueOf(u.expected() - u.signed())).collect(Collectors.joining(","));
        return """
                {"tooltip":{"trigger":"axis"},"legend":{"data":["%s","%s"]},
                 "grid":{"left":8,"right":8,"bottom":8,"containLabel":true},
                 "xAxis":{"type":"category","data":[%s],"axisLabel":{"interval":0,"rotate":20}},
                 "yAxis":{"type":"value","minInterval":1},
                 "series":[{"name":"%s","type":"bar","stack":"a","data":[%s],"itemStyle":{"color":"#2e7d32"}},
                           {"name":"%s","type":"bar","stack":"a","data":[%s],"itemStyle":{"color":"#c62828"}}]}"""
                .formatted(getTranslation("attendance.board.signed"), getTranslation("attendance.board.missing"), names,
                        getTranslation("attendance.board.signed"), in, getTranslation("attendance.board.missing"), out);
    }

    private void openMarkDialog() {
        var chosen = missing.getSelectedItems();
        if (chosen.isEmpty()) {
            Notices.error("attendance.board.choose-first");
            return;
        }
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("attendance.board.mark-title", chosen.size()));
        Select<AttendanceStatus> status = new Select<>();
        status.setId("mark-status");
        status.setLabel(getTranslation("attendance.board.status"));
        status.setItems(AttendanceStatus.values());
        status.setItemLabelGenerator(s -> getTranslation("attendance.status." + s));
        status.setValue(AttendanceStatus.PRESENT);
        TextField reason = new TextField(getTranslation("attendance.board.reason"));
        reason.setId("mark-reason");
        reason.setRequired(true);
        reason.setMaxLength(500);
        reason.setWidthFull();
        Button save = new Button(getTranslation("action.save"), e -> {
            if (Notices.attempt(() -> signIn.mark(ref, chosen.stream().map(Board.Row::personId).toList(), status.getValue(),
                    reason.getValue()))) {
                dialog.close();
                refresh();
            }
        });
        save.setId("mark-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(status, reason));
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("attendance.board.title");
    }
}
