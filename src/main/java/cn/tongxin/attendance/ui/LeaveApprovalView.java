package cn.tongxin.attendance.ui;

import cn.tongxin.base.Formats;
import cn.tongxin.attendance.LeaveRow;
import cn.tongxin.attendance.LeaveService;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** The organizer's pending leave requests, each with the class's leave budget and a warning before it runs out. */
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
        grid.setId("leave-pending");
        grid.addColumn(LeaveRow::personName).setHeader(getTranslation("attendance.board.name")).setAutoWidth(true);
        grid.addColumn(LeaveRow::unitName).setHeader(getTranslation("attendance.board.unit")).setAutoWidth(true);
        grid.addColumn(r -> r.occasion().context() + " · " + r.occasion().title()).setHeader(getTranslation("leave.session"));
        grid.addColumn(r -> Formats.dateTime(r.occasion().startsAt())).setHeader(getTranslation("leave.when")).setAutoWidth(true);
        grid.addColumn(LeaveRow::reason).setHeader(getTranslation("leave.reason"));
        grid.addComponentColumn(this::budget).setHeader(getTranslation("leave.budget")).setAutoWidth(true);
        grid.addComponentColumn(r -> {
            Button approve = new Button(getTranslation("leave.approve"), e -> decide(r, true));
            approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
            approve.setId("approve-" + r.id());
            Button refuse = new Button(getTranslation("leave.refuse"), e -> decide(r, false));
            refuse.addThemeVariants(ButtonVariant.LUMO_SMALL);
            refuse.setId("refuse-" + r.id());
            return new HorizontalLayout(approve, refuse);
        }).setAutoWidth(true);
        add(grid, empty);
        refresh();
    }

    private Span budget(LeaveRow r) {
        if (r.budget() == null) {
            return new Span("—");
        }
        Span text = new Span(getTranslation("leave.budget-text", r.budget().approvedHours(), r.budget().occasionHours(),
                r.budget().limitHours()));
        if (r.budget().wouldExceed()) {
            text.setText(text.getText() + " · " + getTranslation("leave.over-limit"));
            text.getElement().getThemeList().add("badge error");
        }
        return text;
    }

    private void decide(LeaveRow r, boolean approve) {
        if (Notices.attempt(() -> leave.decide(r.id(), approve))) {
            Notices.success(approve ? "leave.approved" : "leave.refused");
            refresh();
        }
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
