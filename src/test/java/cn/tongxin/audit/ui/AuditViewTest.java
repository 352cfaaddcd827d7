package cn.tongxin.audit.ui;

import cn.tongxin.ViewTest;
import cn.tongxin.audit.AuditDetail;
import cn.tongxin.audit.AuditEntry;
import cn.tongxin.audit.AuditService;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.people.AccountService;
import cn.tongxin.people.UnitService;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@WithUserDetails("admin")
class AuditViewTest extends ViewTest {

    @Autowired
    AuditService audit;
    @Autowired
    Clock clock;
    @Autowired
    AccountService accounts;
    @Autowired
    UnitService units;

    @Test
    void the_log_is_filtered_by_actor_action_record_and_date() {
        String actor = "aud" + UUID.randomUUID().toString().substring(0, 8);
        audit.recordAs(actor, AuditService.VIEW, "PERSON", 9001L, "张三", null);
        audit.recordAs(actor, AuditService.UPDATE, "PERSON", 9001L, "张三", "phone,email");
        audit.recordAs(actor, AuditService.EXPORT, "ACCOUNT", null, "12 accounts", "one-time passwords (.xlsx)");
        navigate(AuditView.class);
        grid();

        test($(TextField.class).id("audit-actor")).setValue(actor);
        assertThat(rows()).hasSize(3).allMatch(e -> e.actor().equals(actor));
        assertThat(rows().getFirst().action()).as("newest first").isEqualTo(AuditService.EXPORT);
        assertThat(test(grid()).getCellText(0, 2)).isEqualTo("导出");

        test(comboBox("audit-action")).selectItem("修改");
        assertThat(rows()).extracting(AuditEntry::detail).containsExactly("phone,email");

        comboBox("audit-action").clear();
        test(comboBox("audit-target-type")).selectItem("人员");
        test($(TextField.class).id("audit-target-id")).setValue("9001");
        assertThat(rows()).extracting(AuditEntry::action).containsExactly(AuditService.UPDATE, AuditService.VIEW);

        LocalDate today = LocalDate.now(clock);
        test($(DatePicker.class).id("audit-from")).setValue(today);
        test($(DatePicker.class).id("audit-to")).setValue(today);
        assertThat(rows()).hasSize(2);
        test($(DatePicker.class).id("audit-from")).setValue(today.minusDays(7));
        test($(DatePicker.class).id("audit-to")).setValue(today.minusDays(1));
        assertThat(grid().isVisible()).isFalse();
        assertThat($(EmptyState.class).exists()).isTrue();
    }

    @Test
    void an_account_made_by_the_administrator_appears_in_the_log_under_their_name() {
        String username = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(username, "审计测试", units.visibleUnits().getFirst().id(), null, Set.of(Roles.CHECKER));
        AuditView view = navigate(AuditView.class);

        test($(TextField.class).id("audit-actor")).setValue("admin");
        test(comboBox("audit-action")).selectItem("账号管理");
        test(comboBox("audit-target-type")).selectItem("账号");

        assertThat(rows()).filteredOn(e -> username.equals(e.targetLabel()))
                .singleElement().satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("admin");
                    assertThat(view.describe(e.detail())).isEqualTo("新建账号，角色：督查人员");
                });
    }

    @Test
    void the_log_names_records_and_actions_in_the_readers_language_without_codes_or_class_names() {
        String actor = "aud" + UUID.randomUUID().toString().substring(0, 8);
        audit.recordAs(actor, AuditService.UPDATE, "ROTATION_CLASS", 7L, "全省骨干班", AuditDetail.of("class.status.CLOSED"));
        audit.recordAs(actor, AuditService.UPDATE, "PERSON", 9002L, "李四", AuditDetail.of("person.changed", "phone,email"));
        audit.recordAs(actor, AuditService.UPDATE, "SIGN_IN", 9003L, "第一讲",
                AuditDetail.of("sign-in.marked.PRESENT", "全省骨干班", "设备故障|补签"));
        AuditView view = navigate(AuditView.class);
        test($(TextField.class).id("audit-actor")).setValue(actor);
        List<String> shown = new ArrayList<>();
        for (int row = 0; row < 3; row++) {
            for (int column = 0; column < grid().getColumns().size(); column++) {
                shown.add(test(grid()).getCellText(row, column));
            }
        }
        assertThat(shown).contains("培训班", "结班", "人员", "修改了：手机号、电子邮箱", "签到",
                "在「全省骨干班」手工标记为出席：设备故障¦补签");
        assertThat(String.join(" ", shown)).doesNotContain("ROTATION_CLASS", "#7", "status=", "i18n:", "PRESENT");

        UI.getCurrent().setLocale(Locale.ENGLISH);
        assertThat(view.describe(AuditDetail.of("class.status.CLOSED"))).isEqualTo("Closed");
        assertThat(view.describe("an older free-text detail")).isEqualTo("an older free-text detail");
    }

    private Grid<AuditEntry> grid;

    /** The grid, found while it is visible (an empty result hides it behind the empty state). */
    @SuppressWarnings("unchecked")
    private Grid<AuditEntry> grid() {
        if (grid == null) {
            grid = $(Grid.class).id("audit-grid");
        }
        return grid;
    }

    @SuppressWarnings("unchecked")
    private ComboBox<String> comboBox(String id) {
        return $(ComboBox.class).id(id);
    }

    private List<AuditEntry> rows() {
        List<AuditEntry> rows = new ArrayList<>();
        int size = grid().isVisible() ? test(grid()).size() : 0;
        for (int i = 0; i < Math.min(size, 50); i++) {
            rows.add(test(grid()).getRow(i));
        }
        return rows;
    }
}
