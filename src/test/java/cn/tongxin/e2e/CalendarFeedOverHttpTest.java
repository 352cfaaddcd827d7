package cn.tongxin.e2e;

import cn.tongxin.TestSupportConfig;
import cn.tongxin.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed on the real servlet and port, as a calendar program fetches it: Spring MVC answers {@code /calendar/…}
 * before Vaadin's root mapping, and the security chain lets it through without a login. (The same configuration as
 * {@link BrowserTest}, so the context is shared; no browser.)
 */
@Import(TestSupportConfig.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tongxin.embedded-db.dir=",
        "tongxin.demo-data=always",
        "spring.main.banner-mode=off",
        "logging.level.org.atmosphere=warn",
        "vaadin.devmode.devTools.enabled=false"
})
class CalendarFeedOverHttpTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void a_live_address_answers_a_calendar_without_login_and_an_unknown_one_a_bare_404() throws Exception {
        long person = users.newTrainee("feed-http-" + System.nanoTime());
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        jdbc.sql("insert into calendar_feed (person_id, token_hash, created_by, created_at) values (:p, :h, 'test', now())")
                .param("p", person).param("h", hash).update();

        HttpResponse<String> live = get("/calendar/" + token + ".ics");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.headers().firstValue("Content-Type")).get().asString().startsWith("text/calendar").containsIgnoringCase("charset=utf-8");
        assertThat(live.body()).startsWith("BEGIN:VCALENDAR\r\n").contains("METHOD:PUBLISH", "TZID:Asia/Shanghai");

        HttpResponse<String> unknown = get("/calendar/" + "B".repeat(43) + ".ics");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEmpty();
    }
}
