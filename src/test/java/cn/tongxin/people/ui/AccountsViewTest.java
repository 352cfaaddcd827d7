package cn.tongxin.people.ui;

import cn.tongxin.audit.AuditDetail;
import cn.tongxin.ViewTest;
import cn.tongxin.people.AccountRow;
import cn.tongxin.people.AccountService;
import cn.tongxin.people.Gender;
import cn.tongxin.people.PersonData;
import cn.tongxin.people.PersonService;
import cn.tongxin.people.PersonStatus;
import cn.tongxin.people.ReferenceDataService;
import cn.tongxin.people.UnitKind;
import cn.tongxin.people.UnitRef;
import cn.tongxin.people.UnitService;
import cn.tongxin.security.AccountDirectory;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.test.context.support.WithUserDetails;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@WithUserDetails("admin")
class AccountsViewTest extends ViewTest {

    @Autowired
    AccountService accounts;
    @Autowired
    AccountDirectory directory;
    @Autowired
    PersonService people;
    @Autowired
    UnitService units;
    @Autowired
    ReferenceDataService reference;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    JdbcClient jdbc;

    @Test
    void an_administrator_creates_an_organizer_account_and_sees_its_one_time_password_once() {
        String username = "org-" + tag();
        UnitRef qingzhou = units.visibleUnits().stream().filter(u -> u.name().equals("青州市委统战部")).findFirst().orElseThrow();
        navigate(AccountsView.class);

        test($(Button.class).id("accounts-new")).click();
        test($(TextField.class).id("account-username")).setValue(username);
        test($(TextField.class).id("account-display-name")).setValue("青州市培训科");
        @SuppressWarnings("unchecked")
        ComboBox<UnitRef> unit = $(ComboBox.class).id("account-unit");
        unit.setValue(qingzhou);
        @SuppressWarnings("unchecked")
        CheckboxGroup<String> roles = $(CheckboxGroup.class).id("account-roles");
        test(roles).deselectAll();
        test(roles).selectItems("组织者", "督查人员");
        test($(Button.class).id("account-save")).click();

        assertThat($(Span.class).id("issued-username").getText()).isEqualTo(username);
        String password = $(Span.class).id("issued-password").getText();
        assertThat(password).hasSize(12);
        var credentials = directory.findCredentials(username).orElseThrow();
        assertThat(encoder.matches(password, credentials.passwordHash())).isTrue();
        assertThat(credentials.caller().roles()).containsExactlyInAnyOrder(Roles.ORGANIZER, Roles.CHECKER);
        assertThat(credentials.caller().unitId()).isEqualTo(qingzhou.id());
        test($(Button.class).id("credentials-close")).click();
        assertThat($(Span.class).withId("issued-password").exists()).isFalse();
        Grid<AccountRow> grid = grid();
        assertThat(test(grid).size()).isEqualTo(1);
        assertThat(test(grid).getRow(0).username()).isEqualTo(username);
    }

    @Test
    void a_taken_username_is_refused_and_the_form_stays_open() {
        navigate(AccountsView.class);
        test($(Button.class).id("accounts-new")).click();
        test($(TextField.class).id("account-username")).setValue("organizer");
        test($(TextField.class).id("account-display-name")).setValue("重复");

        test($(Button.class).id("account-save")).click();

        assertThat($(TextField.class).withId("account-username").exists()).isTrue();
        assertThat($(Span.class).withId("issued-password").exists()).isFalse();
    }

    @Test
    void resetting_a_password_shows_the_new_one_once_and_tells_the_person_by_mail() {
        String email = tag() + "@example.cn";
        long personId = person(city().id(), "重置" + tag().substring(0, 4), email);
        String username = "reset-" + tag();
        accounts.create(username, "重置测试", city().id(), personId, Set.of(Roles.TRAINEE));
        long accountId = accountId(username);
        navigate(AccountsView.class);
        test($(TextField.class).id("accounts-search")).setValue(username);

        test(rowButton("account-reset-" + accountId)).click();
        test($(ConfirmDialog.class).single()).confirm();

        String password = $(Span.class).id("issued-password").getText();
        assertThat(encoder.matches(password, directory.findCredentials(username).orElseThrow().passwordHash())).isTrue();
        assertThat(jdbc.sql("select subject from mail_outbox where recipient = :to order by id").param("to", email)
                .query(String.class).list())
                .containsExactly("【同心】您的平台账号已开通", "【同心】您的登录密码已重置");
        assertThat(jdbc.sql("select body from mail_outbox where recipient = :to").param("to", email).query(String.class).list())
                .allSatisfy(body -> assertThat(body).contains(username).doesNotContain(password));
    }

    @Test
    void disabling_and_enabling_an_account_from_the_list() {
        String username = "dis-" + tag();
        accounts.create(username, "停用测试", city().id(), null, Set.of(Roles.CHECKER));
        long id = accountId(username);
        navigate(AccountsView.class);
        test($(TextField.class).id("accounts-search")).setValue(username);

        test(rowButton("account-toggle-" + id)).click();

        assertThat(directory.findCredentials(username).orElseThrow().enabled()).isFalse();
        assertThat(statusText(id)).isEqualTo("已停用");
        test(rowButton("account-toggle-" + id)).click();
        assertThat(directory.findCredentials(username).orElseThrow().enabled()).isTrue();
        assertThat(statusText(id)).as("its owner has not yet replaced the issued password").isEqualTo("待改密码");
    }

    @Test
    void an_account_on_its_own_password_is_shown_active_and_has_nothing_to_unlock() {
        navigate(AccountsView.class);
        test($(TextField.class).id("accounts-search")).setValue("checker");
        long id = accountId("checker");

        assertThat(statusText(id)).isEqualTo("正常");
        Grid<AccountRow> grid = grid();
        assertThat(test(grid).getCellComponent(0, grid.getColumns().size() - 1).getChildren()
                .map(c -> c.getId().orElse(""))).containsExactly("account-reset-" + id, "account-toggle-" + id);
    }

    @Test
    void trainee_accounts_for_the_people_of_a_unit_are_made_in_one_go_with_their_passwords_as_xlsx() throws Exception {
        String tag = tag();
        UnitRef county = units.create(city().id(), "测试县" + tag, UnitKind.COUNTY);
        String mailA = "a-" + tag + "@example.cn";
        String mobile = "139" + String.format("%08d", Math.floorMod(tag.hashCode(), 100_000_000));
        long withMail = person(county.id(), "甲" + tag.substring(0, 3), mobile, mailA);
        person(county.id(), "乙" + tag.substring(0, 3), null);
        long already = person(county.id(), "丙" + tag.substring(0, 3), "c-" + tag + "@example.cn");
        accounts.create("has-" + tag, "已有账号", county.id(), already, Set.of(Roles.TRAINEE));
        navigate(AccountsView.class);

        test($(Button.class).id("accounts-bulk")).click();
        @SuppressWarnings("unchecked")
        ComboBox<UnitRef> unit = $(ComboBox.class).id("bulk-unit");
        unit.setValue(county);
        assertThat($(Span.class).id("bulk-matching").getText()).isEqualTo("符合条件的人员：3 人");
        test($(Button.class).id("bulk-create")).click();
        awaitBackground(() -> $(Grid.class).withId("credentials-grid").exists() || $(Span.class).withId("issued-password").exists());

        assertThat($(com.vaadin.flow.component.html.Paragraph.class).id("credentials-summary").getText())
                .isEqualTo("新开通 2 个账号；1 人已有账号，未重复开通。");
        @SuppressWarnings("unchecked")
        Grid<cn.tongxin.people.IssuedCredential> issued = $(Grid.class).id("credentials-grid");
        assertThat(test(issued).size()).isEqualTo(2);
        var first = test(issued).getRow(0);
        assertThat(encoder.matches(first.initialPassword(),
                directory.findCredentials(first.username()).orElseThrow().passwordHash())).isTrue();
        assertThat(directory.findCredentials(first.username()).orElseThrow().caller().roles()).containsExactly(Roles.TRAINEE);
        // Usernames are no personal data: random, readable, never the mobile number.
        assertThat(List.of(test(issued).getRow(0), test(issued).getRow(1))).allSatisfy(c -> assertThat(c.username())
                .matches("tx[2-9a-hjkmnp-z]{8}").doesNotContain(mobile).doesNotContain(mobile.substring(3)));
        assertThat(jdbc.sql("select bool_and(must_change_password) from account where person_id = :id")
                .param("id", withMail).query(Boolean.class).single()).as("a one-time password, to change at first login").isTrue();

        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        test($(Anchor.class).id("credentials-download")).download(xlsx);
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx.toByteArray()))) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0).getCellText(2)).isEqualTo("一次性密码");
            assertThat(rows.subList(1, 3)).extracting(r -> r.getCellText(1) + "/" + r.getCellText(2))
                    .containsExactlyInAnyOrder(test(issued).getRow(0).username() + "/" + test(issued).getRow(0).initialPassword(),
                            test(issued).getRow(1).username() + "/" + test(issued).getRow(1).initialPassword());
        }
        assertThat(jdbc.sql("select count(*) from mail_outbox where recipient = :to and subject = '【同心】您的平台账号已开通'")
                .param("to", mailA).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from account where person_id = :id").param("id", withMail)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'EXPORT' and detail = :detail and target_label = '2'")
                .param("detail", AuditDetail.of("export.one-time-passwords", 2)).query(Long.class).single()).isPositive();
    }

    // --- helpers ---

    @SuppressWarnings("unchecked")
    private Grid<AccountRow> grid() {
        return $(Grid.class).id("accounts-grid");
    }

    /** A button in the actions cell of the one row the list shows. */
    private Button rowButton(String id) {
        Grid<AccountRow> grid = grid();
        assertThat(test(grid).size()).isEqualTo(1);
        Component actions = test(grid).getCellComponent(0, grid.getColumns().size() - 1);
        return actions.getChildren().filter(c -> id.equals(c.getId().orElse(null))).map(Button.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no button " + id));
    }

    private String statusText(long accountId) {
        Grid<AccountRow> grid = grid();
        Span badge = (Span) test(grid).getCellComponent(0, grid.getColumns().size() - 2);
        assertThat(badge.getId()).contains("account-status-" + accountId);
        return badge.getText();
    }

    private UnitRef city() {
        return units.visibleUnits().stream().filter(u -> u.name().equals("云州市委统战部")).findFirst().orElseThrow();
    }

    private long person(long unitId, String name, String email) {
        return person(unitId, name, null, email);
    }

    private long person(long unitId, String name, String phone, String email) {
        long sector = reference.sectors().getFirst().id();
        return people.create(new PersonData(name, Gender.F, "汉族", null, null, phone, email, unitId, null, Set.of(sector),
                "教师", false, PersonStatus.ACTIVE));
    }

    private long accountId(String username) {
        return accounts.search(username, 0, 1).items().getFirst().id();
    }

    private static String tag() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
