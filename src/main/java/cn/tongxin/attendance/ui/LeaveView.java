package cn.tongxin.attendance.ui;

import cn.tongxin.base.Formats;
import cn.tongxin.attendance.LeaveRow;
import cn.tongxin.attendance.LeaveService;
import cn.tongxin.attendance.Occasion;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** A trainee asks for leave from sessions ahead, with a reason, and follows the answers. */
@Route("leave")
@cn.tongxin.base.ui.PersonalPage
@Menu(title = "nav.leave", order = 3, icon = "vaadin:calendar-clock")
@PermitAll
class LeaveView extends VerticalLayout implements HasDynamicTitle {

    private final LeaveService leave;
    private final CheckboxGroup<Occasion> sessions = new CheckboxGroup<>();
    private final TextArea reason = new TextArea();
    private final Grid<LeaveRow> mine = new Grid<>();

    LeaveView(LeaveService leave) {
        this.leave = leave;
        addClassNames("tx-page", "tx-phone-page");
        setAlignItems(Alignment.STRETCH);
        sessions.setId("leave-sessions");
        sessions.setLabel(getTranslation("leave.sessions"));
        sessions.setItemLabelGenerator(o -> Formats.dateTime(o.startsAt()) + " · " + o.context() + " · " + o.title());
        sessions.addClassName("tx-vertical-checkboxes");
        reason.setId("leave-reason");
        reason.setLabel(getTranslation("leave.reason"));
        reason.setMaxLength(500);
        Button submit = new Button(getTranslation("leave.submit"), e -> {
            if (Notices.attempt(() -> leave.request(sessions.getValue().stream().map(Occasion::ref).toList(), reason.getValue()))) {
                Notices.success("leave.submitted");
                reason.clear();
                refresh();
            }
        });
        submit.setId("leave-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        mine.setId("leave-mine");
        mine.addColumn(r -> r.occasion().title()).setHeader(getTranslation("leave.session")).setAutoWidth(true);
        mine.addColumn(r -> Formats.dateTime(r.occasion().startsAt())).setHeader(getTranslation("leave.when")).setAutoWidth(true);
        mine.addColumn(r -> getTranslation("leave.status." + r.status())).setHeader(getTranslation("leave.state"));
        mine.setAllRowsVisible(true);
        var choose = leave.leaveable();
        if (choose.isEmpty()) {
            add(new EmptyState("leave.nothing", "leave.nothing-hint"));
        } else {
            add(sessions, reason, submit);
        }
        add(new H3(getTranslation("leave.mine")), mine);
        refresh();
    }

    private void refresh() {
        sessions.setItems(leave.leaveable());
        mine.setItems(leave.myRequests());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.leave");
    }
}
