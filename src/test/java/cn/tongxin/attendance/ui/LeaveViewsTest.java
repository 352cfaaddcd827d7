package cn.tongxin.attendance.ui;

import cn.tongxin.Application;
import cn.tongxin.MutableClock;
import cn.tongxin.TestUsers;
import cn.tongxin.ViewTest;
import cn.tongxin.attendance.LeaveRow;
import cn.tongxin.attendance.LeaveService;
import cn.tongxin.attendance.LeaveStatus;
import cn.tongxin.attendance.OccasionRef;
import cn.tongxin.base.ui.Confirm;
import cn.tongxin.rotation.EnrollmentService;
import cn.tongxin.rotation.Fixtures;
import cn.tongxin.rotation.RotationService;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The organizer decides leave in the approval list; the trainee reads the answer and what it means in their list. */
class LeaveViewsTest extends ViewTest {

    private static final LocalDate DAY = LocalDate.of(2033, 3, 7);

    @Autowired Fixtures fixtures;
    @Autowired RotationService rotation;
    @Autowired EnrollmentService enrollment;
    @Autowired LeaveService leave;
    @Autowired TestUsers users;
    @Autowired MutableClock clock;

    @AfterEach
    void reset() {
        clock.reset();
    }

    /** A button of the row's actions cell (grid cells are rendered on demand, not found by id). */
    private Button button(Grid<LeaveRow> grid, int row, String id) {
        return test(grid).getCellComponent(row, "actions").getChildren().map(Button.class::cast)
                .filter(b -> b.getId().orElse("").equals(id)).findFirst().orElseThrow();
    }

    @Test
    @WithUserDetails("organizer")
    void refusing_asks_for_the_reason_the_trainee_then_reads_and_the_buttons_stay_in_sight() {
        long trainee = users.signIn("trainee");
        users.signIn("organizer");
        // 7 sessions of 3 h: the limit is 3 h, so the first leave is excused.
        long cls = fixtures.classWithSessions("请假界面班", "江川省委统战部", DAY, 7, 20, Set.of());
        enrollment.enroll(cls, List.of(trainee), false);
        long session = rotation.sessions(cls).getFirst().id();
        clock.set(DAY.minusDays(1).atTime(10, 0).atZone(Application.ZONE).toInstant());
        users.signIn("trainee");
        leave.request(List.of(new OccasionRef("SESSION", session)), "出差");
        users.signIn("organizer");
        LeaveRow request = leave.pending(0, 500).stream().filter(r -> r.occasion().ref().id() == session).findFirst().orElseThrow();

        navigate(LeaveApprovalView.class);
        @SuppressWarnings("unchecked")
        Grid<LeaveRow> grid = $(Grid.class).id("leave-pending");
        assertThat(grid.getColumnByKey("actions").isFrozenToEnd()).as("批准 / 不批准 never scroll out of sight").isTrue();
        int row = leave.pending(0, 500).indexOf(request);
        assertThat(test(grid).getCellComponent(row, "budget").getElement().getTextRecursively()).contains("在请假限额内，不计缺勤");

        test(button(grid, row, "refuse-" + request.id())).click();
        test($(Button.class).id(Confirm.OK_ID)).click();
        TextArea reason = $(TextArea.class).id(Confirm.REASON_ID);
        assertThat(reason.isInvalid()).as("no reason, no refusal").isTrue();
        assertThat(leave.pending(0, 500)).extracting(LeaveRow::id).contains(request.id());

        test(reason).setValue("本课次为结业考试，请按时参加");
        Dialog dialog = $(Dialog.class).all().stream().filter(d -> d.isOpened()).reduce((a, b) -> b).orElseThrow();
        ComponentUtil.fireEvent(dialog, new Dialog.DialogCloseActionEvent(dialog, true)); // Esc by mistake
        test($(Button.class).id("unsaved-keep")).click();
        assertThat($(TextArea.class).id(Confirm.REASON_ID).getValue()).isEqualTo("本课次为结业考试，请按时参加");
        test($(Button.class).id(Confirm.OK_ID)).click();
        assertThat(leave.pending(0, 500)).extracting(LeaveRow::id).doesNotContain(request.id());

        users.signIn("trainee");
        navigate(LeaveView.class);
        assertThat(leave.myRequests()).filteredOn(r -> r.id() == request.id()).extracting(LeaveRow::status)
                .containsExactly(LeaveStatus.REFUSED);
        @SuppressWarnings("unchecked")
        Grid<LeaveRow> mine = $(Grid.class).id("leave-mine");
        int mineRow = leave.myRequests().stream().map(LeaveRow::id).toList().indexOf(request.id());
        assertThat(((Span) test(mine).getCellComponent(mineRow, "note")).getText()).isEqualTo("未批准：本课次为结业考试，请按时参加");
    }
}
