package cn.tongxin.e2e;

import cn.tongxin.TestOccasions;
import cn.tongxin.attendance.Occasion;
import com.microsoft.playwright.Page;
import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Set;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The sign-in as people do it: the door screen on a projector, a trainee's phone scanning its QR. */
class SignInJourneyTest extends BrowserTest {

    @Autowired
    TestOccasions occasions;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_phone_scans_the_door_qr_logs_in_once_and_signs_in_with_one_tap() throws Exception {
        long trainee = jdbc.sql("select person_id from account where username = 'trainee'").query(Long.class).single();
        String province = jdbc.sql("select path from unit where parent_id is null").query(String.class).single();
        Instant now = Instant.now();
        Occasion occasion = occasions.add("第二讲：新时代统一战线理论", province, now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofMinutes(30)), now.plus(Duration.ofMinutes(60)), Set.of(trainee));

        Page door = desktop();
        logIn(door, "organizer");
        door.navigate(url("attendance/door/" + occasion.ref().kind() + "/" + occasion.ref().id()));
        assertThat(door.locator("#door-qr")).isVisible();
        assertThat(door.locator("#door-code-shown")).hasText(Pattern.compile("^\\d{6}$"));
        assertThat(door.locator("#door-state")).hasAttribute("data-state", "OPEN");
        screenshot(door, "door-screen");

        String link = readQr(door.locator("#door-qr").getAttribute("src"));
        assertThat(link).matches("http://localhost:\\d+/s/TEST\\.\\d+\\.\\d+\\.[A-Za-z0-9_-]{12}");

        Page phone = phone();
        phone.navigate(link.replaceFirst("http://localhost:\\d+/", url("")));
        phone.locator("vaadin-login-form input[name=username]").fill("trainee");
        phone.locator("vaadin-login-form input[name=password]").fill(DEMO_PASSWORD);
        phone.locator("vaadin-login-form vaadin-button[slot=submit]").click();
        assertThat(phone.locator("#occasion-title")).hasText("第二讲：新时代统一战线理论");
        screenshot(phone, "scan-phone-before");
        phone.locator("#sign-in-button").click();
        assertThat(phone.locator("#sign-in-result")).containsText("签到成功");
        assertThat(phone.locator("#sign-in-result")).containsText("出席");
        screenshot(phone, "scan-phone-done");
        // The door screen's count follows (it polls every second).
        assertThat(door.locator("#door-counts")).containsText("已签到 1 / 应到 1");

        // Scanning again: the page comes with the view in it (no separate init round trip) and opens no push
        // connection, which is what lets a class of 2,000 sign in quickly; the answer says when they signed in.
        List<String> requests = new CopyOnWriteArrayList<>();
        List<String> sockets = new CopyOnWriteArrayList<>();
        phone.onRequest(request -> requests.add(request.url()));
        phone.onWebSocket(socket -> sockets.add(socket.url()));
        phone.navigate(link.replaceFirst("http://localhost:\\d+/", url("")));
        phone.locator("#sign-in-button").click();
        assertThat(phone.locator("#sign-in-result")).containsText("已于");
        assertThat(requests).anyMatch(u -> u.contains("/s/")).noneMatch(u -> u.contains("v-r=init"));
        assertThat(sockets).isEmpty();
    }

    @Test
    void the_web_application_runs_on_the_class_loader_that_reads_service_files_once(@Autowired ServletContext servletContext) {
        // Vaadin looks services up on every page and navigation; see ServiceFilesCache.
        assertThat(servletContext.getClassLoader().getClass().getName())
                .isEqualTo("cn.tongxin.base.ServiceFilesCache$CachingClassLoader");
    }
}
