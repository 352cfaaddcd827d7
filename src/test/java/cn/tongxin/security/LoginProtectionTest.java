package cn.tongxin.security;

import cn.tongxin.IntegrationTest;
import cn.tongxin.MutableClock;
import cn.tongxin.audit.AuditFilter;
import cn.tongxin.audit.AuditService;
import cn.tongxin.people.AccountService;
import cn.tongxin.people.UnitService;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

@IntegrationTest
class LoginProtectionTest {

    private static final AtomicInteger accounts = new AtomicInteger();
    private static final String PASSWORD = "Right-Password-1";

    @Autowired
    WebApplicationContext context;
    @Autowired
    AccountService accountService;
    @Autowired
    UnitService unitService;
    @Autowired
    MutableClock clock;
    @Autowired
    AuditService audit;

    MockMvc mvc;
    String username;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        username = "guard" + accounts.incrementAndGet();
        SystemCaller.runAsSystem(() -> {
            long province = unitService.visibleUnits().getFirst().id();
            accountService.create(username, "测试账号", province, null, Set.of(Roles.CHECKER), PASSWORD);
        });
        clock.set(java.time.Instant.parse("2026-03-02T01:00:00Z"));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String login(String password) throws Exception {
        MvcResult result = mvc.perform(post("/login").param("username", username).param("password", password).with(csrf()))
                .andReturn();
        return result.getResponse().getRedirectedUrl();
    }

    @Test
    void a_wrong_password_says_so_and_a_right_one_signs_in_both_audited() throws Exception {
        assertThat(login("wrong")).isEqualTo("/login?error=bad");
        assertThat(login(PASSWORD)).doesNotContain("error");
        List<String> actions = new ArrayList<>();
        SystemCaller.runAsSystem(() -> audit.search(new AuditFilter(username, "", "", null, null, null), 0, 10)
                .items().forEach(e -> actions.add(e.action())));
        assertThat(actions).contains(AuditService.LOGIN, AuditService.LOGIN_FAILED);
    }

    @Test
    void repeated_failures_first_slow_down_then_lock_the_account_for_a_while() throws Exception {
        for (int i = 0; i < LoginThrottle.SLOW_AFTER; i++) {
            assertThat(login("wrong")).isEqualTo("/login?error=bad");
        }
        // Right away, even the right password must wait: the try is not even checked.
        assertThat(login(PASSWORD)).startsWith("/login?error=wait&seconds=");

        clock.advance(Duration.ofSeconds(10));
        assertThat(login("wrong")).isEqualTo("/login?error=bad");
        clock.advance(Duration.ofSeconds(10));
        assertThat(login("wrong")).isEqualTo("/login?error=bad");

        String locked = login(PASSWORD);
        assertThat(locked).startsWith("/login?error=locked&seconds=");
        long seconds = Long.parseLong(locked.substring(locked.indexOf("seconds=") + 8));
        assertThat(seconds).isBetween(LoginThrottle.LOCK_FOR.toSeconds() - 5, LoginThrottle.LOCK_FOR.toSeconds());
    }

    @Test
    void a_lock_ends_by_itself_so_nobody_can_lock_a_person_out_for_good() throws Exception {
        for (int i = 0; i < LoginThrottle.LOCK_AFTER; i++) {
            clock.advance(Duration.ofMinutes(1));
            login("wrong");
        }
        assertThat(login(PASSWORD)).startsWith("/login?error=locked");
        clock.advance(LoginThrottle.LOCK_FOR.plusSeconds(1));
        assertThat(login(PASSWORD)).doesNotContain("error");
    }

    @Test
    void a_login_is_remembered_for_a_training_day_without_the_session() throws Exception {
        MvcResult login = mvc.perform(post("/login").param("username", username).param("password", PASSWORD).with(csrf()))
                .andReturn();
        Cookie remembered = login.getResponse().getCookie("remember-me");
        assertThat(remembered).isNotNull();
        assertThat(remembered.getMaxAge()).isGreaterThanOrEqualTo((int) Duration.ofHours(24).toSeconds());
        mvc.perform(get("/").cookie(remembered)).andExpect(authenticated().withUsername(username));
        mvc.perform(get("/")).andExpect(unauthenticated());
    }

    @Test
    void a_disabled_account_cannot_sign_in() throws Exception {
        SystemCaller.runAsSystem(() -> {
            long id = accountService.search(username, 0, 1).items().getFirst().id();
            accountService.setEnabled(id, false);
        });
        assertThat(login(PASSWORD)).isEqualTo("/login?error=disabled");
    }

    @Test
    void an_unknown_username_gets_the_same_answer_as_a_wrong_password() throws Exception {
        MvcResult result = mvc.perform(post("/login").param("username", "nobody-" + username).param("password", "x").with(csrf()))
                .andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/login?error=bad");
    }
}
