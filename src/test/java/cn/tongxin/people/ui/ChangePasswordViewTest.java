package cn.tongxin.people.ui;

import cn.tongxin.TestUsers;
import cn.tongxin.ViewTest;
import cn.tongxin.people.AccountService;
import cn.tongxin.people.UnitService;
import cn.tongxin.security.AccountDirectory;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.test.context.support.WithUserDetails;

import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A one-time password is replaced before anything else; a new password must meet the policy. */
@WithUserDetails("admin")
class ChangePasswordViewTest extends ViewTest {

    @Autowired
    AccountService accounts;
    @Autowired
    UnitService units;
    @Autowired
    AccountDirectory directory;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    TestUsers users;

    /** A new account with an issued password, signed in; returns that password. */
    private String signedInWithOneTimePassword(String username) {
        String password = accounts.create(username, "改密测试", units.visibleUnits().getFirst().id(), null,
                Set.of(Roles.CHECKER)).initialPassword();
        users.signIn(username);
        return password;
    }

    @Test
    void someone_on_a_one_time_password_is_sent_to_change_it_wherever_they_go() {
        signedInWithOneTimePassword("otp-" + tag());

        navigate("", ChangePasswordView.class);
        assertThat($(Paragraph.class).id("password-one-time").getText()).contains("一次性密码");
        navigate("my-record", ChangePasswordView.class);
    }

    @Test
    void someone_on_their_own_password_goes_where_they_like() {
        users.signIn("checker");
        assertThat(navigate("password", ChangePasswordView.class)).isNotNull();
        assertThat($(Paragraph.class).withId("password-one-time").exists()).isFalse();
        assertThat(getCurrentView()).isInstanceOf(ChangePasswordView.class);
        navigate("", com.vaadin.flow.component.Component.class);
        assertThat(getCurrentView()).isNotInstanceOf(ChangePasswordView.class);
    }

    @Test
    void a_short_or_common_new_password_is_refused_with_a_clear_message_and_nothing_changes() {
        String username = "otp-" + tag();
        String oneTime = signedInWithOneTimePassword(username);
        navigate("password", ChangePasswordView.class);

        assertThat(attempt(oneTime, "short-pw")).isEqualTo("密码至少需要 12 位。");
        assertThat(attempt(oneTime, "Password1234")).isEqualTo("这个密码太常见，很容易被猜到，请换一个。");
        assertThat(attempt(oneTime, username + "-mine")).isEqualTo("密码不能包含用户名或姓名，请换一个。");

        assertThat(encoder.matches(oneTime, directory.findCredentials(username).orElseThrow().passwordHash())).isTrue();
        assertThat(accounts.mustChangeMyPassword()).isTrue();
    }

    @Test
    void a_good_new_password_replaces_the_one_time_one() {
        String username = "otp-" + tag();
        String oneTime = signedInWithOneTimePassword(username);
        navigate("password", ChangePasswordView.class);

        fill(oneTime, "my own passphrase 2026");
        test($(Button.class).id("password-save")).click();

        assertThat($(Paragraph.class).id("password-changed").getText()).contains("重新登录");
        assertThat($(Button.class).withId("password-sign-in-again").exists()).isTrue();
        assertThat(encoder.matches("my own passphrase 2026", directory.findCredentials(username).orElseThrow().passwordHash()))
                .isTrue();
        assertThat(accounts.mustChangeMyPassword()).isFalse();
        navigate("", com.vaadin.flow.component.Component.class);
        assertThat(getCurrentView()).as("free to go anywhere now").isNotInstanceOf(ChangePasswordView.class);
    }

    /** Tries a new password; returns the error the new-password field shows. */
    private String attempt(String current, String next) {
        fill(current, next);
        test($(Button.class).id("password-save")).click();
        PasswordField field = $(PasswordField.class).id("password-new");
        assertThat(field.isInvalid()).isTrue();
        return field.getErrorMessage();
    }

    private void fill(String current, String next) {
        test($(PasswordField.class).id("password-current")).setValue(current);
        test($(PasswordField.class).id("password-new")).setValue(next);
        test($(PasswordField.class).id("password-repeat")).setValue(next);
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
