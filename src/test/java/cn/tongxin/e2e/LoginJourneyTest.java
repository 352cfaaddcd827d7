package cn.tongxin.e2e;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

class LoginJourneyTest extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

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
}
