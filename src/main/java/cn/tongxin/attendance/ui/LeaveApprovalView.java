package cn.tongxin.attendance.ui;

import cn.tongxin.base.Formats;
import cn.tongxin.attendance.LeaveRow;
import cn.tongxin.attendance.LeaveService;
import cn.tongxin.base.ui.Confirm;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.NarrowScreen;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;

/**
 * The organizer's pending leave requests, each saying whether approving it is excused by the class's leave limit or
 * would count as an absence. 批准 / 不批准 stay in sight at any width (frozen at the row's end; on a phone the other
 * columns give way to one compact column). Refusing asks for the reason the trainee will read.
 */
@Route("attendance/leave")
@Menu(title = "nav.leave-approval", order = 31, icon = "vaadin:calendar-clock")
@RolesAllowed({Roles.ADMIN, Roles.ORGANIZER})
class LeaveApprovalView extends VerticalLayout implements HasDynamicTitle {

    private final LeaveService leave;
    private final Grid<LeaveRow> grid = new Grid<>();
    private final EmptyState empty = new EmptyState("leave.none-pending", "leave.none-pending-hint");

    LeaveApprovalView(LeaveService leave) {
        this.leave = leave;
        addClassName("tx-page");
        setSizeFull();
        grid.setId("leave-pending");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        var who = grid.addComponentColumn(this::who).setHeader(getTranslation("attendance.board.name")).setWidth("9em")
                .setFlexGrow(1);
        var session = grid.addColumn(this::session).setHeader(getTranslation("leave.session")).setWidth("13em").setFlexGrow(3);
        var when = grid.addColumn(r -> Formats.dateTime(r.occasion().startsAt())).setHeader(getTranslation("leave.when"))
                .setWidth("6.5em").setFlexGrow(0);
        var reason = grid.addColumn(LeaveRow::reason).setHeader(getTranslation("leave.reason")).setWidth("8em").setFlexGrow(2);
        var budget = grid.addComponentColumn(this::budget).setHeader(getTranslation("leave.budget")).setWidth("11em")
                .setFlexGrow(0).setKey("budget");
        var compact = grid.addComponentColumn(this::compact).setHeader(getTranslation("leave.request")).setFlexGrow(1);
        NarrowScreen.swapOnPhone(grid, List.of(who, session, when, reason, budget), List.of(compact));
        NarrowScreen.keepInSight(grid.addComponentColumn(this::actions).setKey("actions"));
        add(grid, empty);
        refresh();
    }

    private String session(LeaveRow r) {
        return r.occasion().context() + " · " + r.occasion().title();
    }

    /** The hours, and what approving means by the one leave rule: excused, or an absence. */
    private Div budget(LeaveRow r) {
        if (r.budget() == null) {
            return new Div("—");
        }
        boolean excused = r.budget().excused();
        Span effect = new Span(getTranslation(excused ? "leave.effect.excused" : "leave.effect.beyond"));
        effect.getElement().getThemeList().add(excused ? "badge success" : "badge error");
        Div cell = new Div(new Div(getTranslation("leave.budget-text", r.budget().takenBefore(), r.budget().occasionHours(),
                r.budget().limitHours())), effect);
        cell.addClassName("tx-compact-cell");
        return cell;
    }

    /** The person, and their unit beneath. */
    private Div who(LeaveRow r) {
        Span unit = new Span(r.unitName());
        unit.addClassName("tx-muted");
        Div cell = new Div(new Div(r.personName()), unit);
        cell.addClassName("tx-compact-cell");
        return cell;
    }

    /** On a phone: who, what, when, why and the budget in one cell. */
    private Div compact(LeaveRow r) {
        Span who = new Span(r.personName() + " · " + r.unitName());
        who.getStyle().set("font-weight", "600");
        Div cell = new Div(new Div(who), new Div(session(r)), new Div(Formats.dateTime(r.occasion().startsAt())),
                new Div(getTranslation("leave.reason") + "：" + r.reason()), new Div(budget(r)));
        cell.addClassName("tx-compact-cell");
        return cell;
    }

    private Div actions(LeaveRow r) {
        Button approve = new Button(getTranslation("leave.approve"), e -> {
            if (Notices.attempt(() -> leave.approve(r.id()))) {
                Notices.success("leave.approved");
                refresh();
            }
        });
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        approve.setId("approve-" + r.id());
        Button refuse = new Button(getTranslation("leave.refuse"), e -> Confirm.askReason(getTranslation("leave.refuse.title"),
                getTranslation("leave.refuse.message", r.personName(), session(r), Formats.dateTime(r.occasion().startsAt())),
                getTranslation("leave.refuse.reason"), LeaveService.REASON_MAX, getTranslation("leave.refuse.confirm"), why -> {
                    leave.refuse(r.id(), why);
                    Notices.success("leave.refused");
                    refresh();
                }));
        refuse.addThemeVariants(ButtonVariant.LUMO_SMALL);
        refuse.setId("refuse-" + r.id());
        Div actions = new Div(approve, refuse);
        actions.addClassName("tx-row-actions");
        return actions;
    }

    private void refresh() {
        int waiting = leave.pendingCount();
        grid.setItems(query -> leave.pending(query.getOffset(), query.getLimit()).stream(), query -> leave.pendingCount());
        grid.setVisible(waiting > 0);
        empty.setVisible(waiting == 0);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.leave-approval");
    }
}
