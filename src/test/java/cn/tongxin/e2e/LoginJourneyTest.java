package cn.tongxin.e2e;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

class LoginJourneyTest extends BrowserTest {

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
