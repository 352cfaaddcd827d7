package cn.tongxin.security;

import cn.tongxin.base.DomainException;
import cn.tongxin.e2e.BrowserTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    private void refused(String password, String key, String... personal) {
        assertThatThrownBy(() -> policy.check(password, personal)).as(password)
                .isInstanceOf(DomainException.class).hasMessage(key);
    }

    @Test
    void twelve_characters_are_the_least_with_no_rule_on_what_they_are() {
        refused("Kx9#mQ2$vL5", "account.error.password-short");
        assertThatCode(() -> policy.check("kx9wmq2fvl5z")).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("长城 长又长 the great wall")).as("spaces and Chinese are fine")
                .doesNotThrowAnyException();
        assertThatCode(() -> policy.check("a".repeat(30) + "bcd" + "e".repeat(31))).as("64 characters")
                .doesNotThrowAnyException();
        refused("abcd".repeat(17), "account.error.password-long");
    }

    @Test
    void common_passwords_are_refused_whatever_their_case() {
        for (String common : new String[] {"123456789012", "Password1234", "QWERTYUIOP12", "woaini5201314",
                "1qaz2wsx3edc", "Tongxin2026!", "zhangwei1234", "aaaaaaaaaaaaaa", "abababababab"}) {
            refused(common, "account.error.password-common");
        }
        assertThat(policy.commonCount()).as("a few thousand").isBetween(2000, 20000);
    }

    @Test
    void a_password_built_on_the_username_or_the_name_is_refused() {
        refused("guard42-is-my-password", "account.error.password-personal", "guard42", "测试账号");
        refused("张伟的密码永远不会忘记了", "account.error.password-personal", "zw01", "张伟");
        assertThatCode(() -> policy.check("correct horse battery", "guard42", "张伟")).doesNotThrowAnyException();
    }

    @Test
    void the_demo_password_meets_the_policy_it_shows() {
        assertThatCode(() -> policy.check(BrowserTest.DEMO_PASSWORD, "admin", "系统管理员")).doesNotThrowAnyException();
    }
}
