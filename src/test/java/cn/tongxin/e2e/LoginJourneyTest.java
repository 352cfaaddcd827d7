package cn.tongxin.e2e;

import cn.tongxin.people.AccountService;
import cn.tongxin.people.UnitService;
import cn.tongxin.security.Roles;
import cn.tongxin.security.SystemCaller;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Set;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

class LoginJourneyTest extends BrowserTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    AccountService accounts;
    @Autowired
    UnitService units;

    @Test
    void switching_to_english_while_signed_in_shows_the_portal_in_english_and_remembers_it_on_the_account() {
        Page page = desktop();
        logIn(page, "checker");
        assertThat(page.locator("#language-switch")).hasText("English");
        page.locator("#language-switch").click();
        // The page reloads in English; the switch now offers Chinese.
        assertThat(page.locator("#language-switch")).hasText("中文");
        assertThat(page.locator("vaadin-side-nav-item").first()).containsText("Home");
        org.assertj.core.api.Assertions.assertThat(storedLanguage("checker")).isEqualTo("en");
        screenshot(page, "home-english-desktop");

        page.locator("#language-switch").click();
        assertThat(page.locator("#language-switch")).hasText("English");
        org.assertj.core.api.Assertions.assertThat(storedLanguage("checker")).isEqualTo("zh-CN");
    }

    private String storedLanguage(String username) {
        return jdbc.sql("select language from account where username = :u").param("u", username).query(String.class).single();
    }

    @Test
    void organizer_logs_in_on_a_desktop_and_sees_their_name_and_menu() {
        Page page = desktop();
        logIn(page, "organizer");
        assertThat(page.locator("#current-user")).hasText("省委统战部培训处");
        assertThat(page.locator("vaadin-side-nav-item").first()).isVisible();
        screenshot(page, "home-desktop");
    }

    @Test
    void a_wrong_password_shows_a_chinese_message_on_a_phone() {
        Page page = phone();
        page.navigate(url("login"));
        page.locator("vaadin-login-form input[name=username]").fill("trainee");
        page.locator("vaadin-login-form input[name=password]").fill("not-the-password");
        page.locator("vaadin-login-form vaadin-button[slot=submit]").click();
        assertThat(page.locator("vaadin-login-form")).containsText("用户名或密码不正确");
        screenshot(page, "login-error-phone");
    }

    @Test
    void trainee_logs_in_on_a_phone_and_stays_signed_in_after_the_browser_session_ends() {
        Page page = phone();
        logIn(page, "trainee");
        screenshot(page, "home-phone");
        // A remembered login: drop the session cookie, keep the remember-me cookie, come back.
        var context = page.context();
        var cookies = context.cookies().stream().filter(c -> !"JSESSIONID".equals(c.name)).toList();
        org.assertj.core.api.Assertions.assertThat(cookies).anyMatch(c -> "remember-me".equals(c.name));
        context.clearCookies();
        context.addCookies(cookies);
        page.navigate(url(""));
        assertThat(page.locator("#home-greeting")).containsText("您好");
    }

    @Test
    void the_login_page_posts_its_csrf_token_and_looks_right_on_a_desktop() {
        Page page = desktop();
        page.navigate(url("login"));
        assertThat(page.locator("meta[name=_csrf]")).hasCount(1);
        assertThat(page.locator("vaadin-login-form input[name=username]")).isVisible();
        screenshot(page, "login-desktop");
        logIn(page, "checker");
        assertThat(page.locator("#current-user")).hasText("省委统战部督查室");
    }

    @Test
    void someone_on_a_one_time_password_sets_their_own_first_and_signs_in_again_with_it() {
        String username = "otp-e2e";
        String[] oneTime = new String[1];
        SystemCaller.runAsSystem(() -> oneTime[0] = accounts.create(username, "一次性密码测试",
                units.visibleUnits().getFirst().id(), null, Set.of(Roles.CHECKER)).initialPassword());
        Page page = phone();
        page.setViewportSize(375, 812);
        page.navigate(url("login"));
        page.locator("vaadin-login-form input[name=username]").fill(username);
        page.locator("vaadin-login-form input[name=password]").fill(oneTime[0]);
        page.locator("vaadin-login-form vaadin-button[slot=submit]").click();

        assertThat(page.locator("#password-one-time")).isVisible();
        page.navigate(url("my-record"));
        assertThat(page.locator("#password-one-time")).isVisible(); // every page leads here first
        page.locator("#password-current input").fill(oneTime[0]);
        page.locator("#password-new input").fill("short");
        page.locator("#password-repeat input").fill("short");
        page.locator("#password-save").click();
        assertThat(page.locator("#password-new")).containsText("密码至少需要 12 位");
        screenshot(page, "password-one-time-phone");

        page.locator("#password-new input").fill("my own phone passphrase");
        page.locator("#password-repeat input").fill("my own phone passphrase");
        page.locator("#password-save").click();
        assertThat(page.locator("#password-changed")).isVisible();
        page.locator("#password-sign-in-again").click();
        page.locator("vaadin-login-form input[name=username]").fill(username);
        page.locator("vaadin-login-form input[name=password]").fill("my own phone passphrase");
        page.locator("vaadin-login-form vaadin-button[slot=submit]").click();
        assertThat(page.locator("#current-user")).hasText("一次性密码测试");
        assertThat(page.locator("#password-one-time")).hasCount(0);
    }

    @Test
    void the_change_password_page_on_a_desktop() {
        Page page = desktop();
        logIn(page, "organizer");
        page.navigate(url("password"));
        assertThat(page.locator("#password-current")).isVisible();
        screenshot(page, "password-desktop");
    }
}
