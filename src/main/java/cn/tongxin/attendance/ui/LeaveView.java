package cn.tongxin.attendance.ui;

import cn.tongxin.base.Formats;
import cn.tongxin.attendance.LeaveRow;
import cn.tongxin.attendance.LeaveService;
import cn.tongxin.attendance.LeaveStatus;
import cn.tongxin.attendance.Occasion;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.NarrowScreen;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.base.ui.UnsavedChanges;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.util.List;

/** A trainee asks for leave from sessions ahead, with a reason, and follows the answers and what they mean. */
@Route("leave")
@cn.tongxin.base.ui.PersonalPage
@Menu(title = "nav.leave", order = 3, icon = "vaadin:calendar-clock")
@PermitAll
class LeaveView extends VerticalLayout implements HasDynamicTitle {

    private final LeaveService leave;
    private final CheckboxGroup<Occasion> sessions = new CheckboxGroup<>();
    private final TextArea reason = new TextArea();
    private final Grid<LeaveRow> mine = new Grid<>();
    /** A reason typed but not sent is not lost by going to another page. */
    private final UnsavedChanges changes = UnsavedChanges.ofView(this, List.of(sessions, reason));

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
                changes.remember();
            }
        });
        submit.setId("leave-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        mine.setId("leave-mine");
        mine.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        var session = mine.addColumn(r -> r.occasion().title()).setHeader(getTranslation("leave.session")).setFlexGrow(2);
        var when = mine.addColumn(r -> Formats.dateTime(r.occasion().startsAt())).setHeader(getTranslation("leave.when"))
                .setAutoWidth(true).setFlexGrow(0);
        var state = mine.addColumn(r -> getTranslation("leave.status." + r.status())).setHeader(getTranslation("leave.state"))
                .setAutoWidth(true).setFlexGrow(0);
        var note = mine.addComponentColumn(this::note).setHeader(getTranslation("leave.note")).setFlexGrow(2).setKey("note");
        // On a phone one cell says it all: the answer must not be off to the right.
        var compact = mine.addComponentColumn(r -> {
            Div cell = new Div(new Div(r.occasion().title()), new Div(Formats.dateTime(r.occasion().startsAt()) + " · "
                    + getTranslation("leave.status." + r.status())), note(r));
            cell.addClassName("tx-compact-cell");
            return cell;
        }).setHeader(getTranslation("leave.request"));
        NarrowScreen.swapOnPhone(mine, List.of(session, when, state, note), List.of(compact));
        mine.setAllRowsVisible(true);
        var choose = leave.leaveable();
        if (choose.isEmpty()) {
            add(new EmptyState("leave.nothing", "leave.nothing-hint"));
        } else {
            add(sessions, reason, submit);
        }
        add(new H3(getTranslation("leave.mine")), mine);
        refresh();
        changes.remember();
    }

    /**
     * What the answer means: a refusal's reason, or whether the leave is excused by the class's limit (the same rule
     * as the approval list and the completion).
     */
    private Span note(LeaveRow r) {
        Span note = new Span();
        if (r.status() == LeaveStatus.REFUSED) {
            note.setText(r.refusal() == null ? "" : getTranslation("leave.refusal", r.refusal()));
        } else if (r.budget() != null) {
            note.setText(getTranslation(r.budget().excused() ? "leave.effect.excused" : "leave.effect.beyond"));
        }
        return note;
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
