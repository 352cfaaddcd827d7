package cn.tongxin.security;

import cn.tongxin.IntegrationTest;
import cn.tongxin.MutableClock;
import cn.tongxin.TestUsers;
import cn.tongxin.audit.AuditDetail;
import cn.tongxin.audit.AuditFilter;
import cn.tongxin.audit.AuditService;
import cn.tongxin.people.AccountService;
import cn.tongxin.people.UnitService;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Sign-in through the real filter chain: limits on guessing, CSRF, remembered logins and their revocation, audit. */
@IntegrationTest
class LoginProtectionTest {

    private static final AtomicInteger accounts = new AtomicInteger();
    private static final String PASSWORD = "Right-Password-1";
    private static final String BAD = "/login?error=bad";

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
    @Autowired
    AttemptLimiter limiter;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcClient jdbc;

    MockMvc mvc;
    String username;
    /** The owner's own address; every test has its own, as the per-address windows outlive a test. */
    String home;
    String elsewhere;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        int n = accounts.incrementAndGet();
        username = "guard" + n;
        home = "10.7." + n + ".1";
        elsewhere = "10.8." + n + ".1";
        SystemCaller.runAsSystem(() -> {
            long province = unitService.visibleUnits().getFirst().id();
            accountService.create(username, "测试账号", province, null, Set.of(Roles.CHECKER), PASSWORD);
        });
        clock.set(java.time.Instant.parse("2026-03-02T01:00:00Z"));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
        SecurityContextHolder.clearContext();
    }

    private MockHttpServletRequestBuilder loginRequest(String name, String password, String address) {
        return post("/login").param("username", name).param("password", password).with(csrf())
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                });
    }

    private MvcResult loginResult(String name, String password, String address) throws Exception {
        return mvc.perform(loginRequest(name, password, address)).andReturn();
    }

    private String login(String password) throws Exception {
        return loginResult(username, password, home).getResponse().getRedirectedUrl();
    }

    private Cookie rememberMe() throws Exception {
        Cookie cookie = loginResult(username, PASSWORD, home).getResponse().getCookie("remember-me");
        assertThat(cookie).isNotNull();
        return cookie;
    }

    private boolean signsIn(Cookie rememberMe) throws Exception {
        var result = mvc.perform(get("/").cookie(rememberMe));
        try {
            result.andExpect(authenticated().withUsername(username));
            return true;
        } catch (AssertionError notSignedIn) {
            return false;
        }
    }

    /** The counted failed-login rows of this test's account or addresses: detail → occurrences. */
    private Map<String, Integer> failureCounts(String address) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        jdbc.sql("select actor, detail, occurrences from audit_event where bucket is not null and remote_address = :a")
                .param("a", address)
                .query((rs, n) -> counts.merge(rs.getString("actor") + ": " + rs.getString("detail"), rs.getInt("occurrences"), Integer::sum))
                .list();
        return counts;
    }

    @Test
    void a_wrong_password_says_so_and_a_right_one_signs_in_both_audited() throws Exception {
        assertThat(login("wrong")).isEqualTo(BAD);
        assertThat(login(PASSWORD)).doesNotContain("error");
        List<String> actions = new ArrayList<>();
        SystemCaller.runAsSystem(() -> audit.search(new AuditFilter(username, "", "", null, null, null), 0, 10)
                .items().forEach(e -> actions.add(e.action())));
        assertThat(actions).contains(AuditService.LOGIN, AuditService.LOGIN_FAILED);
    }

    @Test
    void parallel_guesses_are_reserved_before_the_check_so_only_the_limit_is_checked_and_then_even_the_right_password_waits()
            throws Exception {
        int guesses = 32;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MvcResult>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(guesses)) {
            for (int i = 0; i < guesses; i++) {
                String guess = "wrong-" + i;
                Callable<MvcResult> task = () -> {
                    start.await();
                    return loginResult(username, guess, home);
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            for (Future<MvcResult> result : results) {
                assertThat(result.get().getResponse().getRedirectedUrl()).isEqualTo(BAD);
            }
        }

        int limit = LoginLimits.PER_NAME_AND_ADDRESS.tries();
        assertThat(failureCounts(home)).as("only %d passwords were hashed and checked; the rest were refused unchecked", limit)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        username + ": " + AuditDetail.of("login.wrong"), limit,
                        "anonymous: " + AuditDetail.of("login.too-many"), guesses - limit));
        MvcResult right = loginResult(username, PASSWORD, home);
        assertThat(right.getResponse().getRedirectedUrl()).as("the right password after them waits too").isEqualTo(BAD);
        Cookie none = right.getResponse().getCookie("remember-me");
        assertThat(none == null || none.getMaxAge() == 0).as("no remember-me cookie").isTrue();
    }

    @Test
    void a_strangers_failures_elsewhere_never_block_the_owner_from_their_own_address_nor_their_remembered_login()
            throws Exception {
        Cookie phone = rememberMe();
        for (int i = 0; i < 3 * LoginLimits.PER_NAME_AND_ADDRESS.tries(); i++) {
            assertThat(loginResult(username, "guess-" + i, elsewhere).getResponse().getRedirectedUrl()).isEqualTo(BAD);
        }
        assertThat(loginResult(username, PASSWORD, elsewhere).getResponse().getRedirectedUrl())
                .as("the stranger's address waits").isEqualTo(BAD);

        assertThat(login(PASSWORD)).as("the owner at home signs in").doesNotContain("error");
        assertThat(signsIn(phone)).as("the owner's phone stays signed in").isTrue();
    }

    @Test
    void the_ceiling_per_name_across_addresses_is_high_and_ends_by_itself_and_never_stops_a_remembered_login()
            throws Exception {
        Cookie phone = rememberMe();
        // Guessing spread over many addresses up to the ceiling (reserved directly: that many bcrypt checks take long).
        for (int i = 0; i < LoginLimits.PER_NAME.tries(); i++) {
            limiter.reserve(LoginLimits.PER_NAME, username);
        }
        assertThat(LoginLimits.PER_NAME.tries()).as("a stranger needs many addresses to reach it")
                .isGreaterThanOrEqualTo(50 * LoginLimits.PER_NAME_AND_ADDRESS.tries());

        assertThat(login(PASSWORD)).as("a password login now waits, with the usual answer").isEqualTo(BAD);
        assertThat(signsIn(phone)).as("a remembered login does not").isTrue();

        clock.advance(LoginLimits.PER_NAME.per().plusSeconds(1));
        assertThat(login(PASSWORD)).as("the wait ends by itself").doesNotContain("error");
    }

    @Test
    void a_wait_ends_by_itself_so_nobody_can_lock_a_person_out_for_good() throws Exception {
        for (int i = 0; i < LoginLimits.PER_NAME_AND_ADDRESS.tries(); i++) {
            assertThat(login("wrong")).isEqualTo(BAD);
        }
        assertThat(login(PASSWORD)).isEqualTo(BAD);
        clock.advance(LoginLimits.PER_NAME_AND_ADDRESS.per().plusSeconds(1));
        assertThat(login(PASSWORD)).doesNotContain("error");
    }

    @Test
    void an_existing_and_a_missing_username_get_the_same_answers_also_once_they_must_wait() throws Exception {
        List<String> existing = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < LoginLimits.PER_NAME_AND_ADDRESS.tries() + 3; i++) {
            existing.add(loginResult(username, "wrong", home).getResponse().getRedirectedUrl());
            missing.add(loginResult("nobody-" + username, "wrong", home).getResponse().getRedirectedUrl());
        }
        assertThat(existing).isEqualTo(missing).containsOnly(BAD);
    }

    @Test
    void a_login_without_the_csrf_token_is_refused_even_with_the_right_password() throws Exception {
        MvcResult result = mvc.perform(post("/login").param("username", username).param("password", PASSWORD))
                .andExpect(unauthenticated()).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/login?error=expired");
        Cookie none = result.getResponse().getCookie("remember-me");
        assertThat(none == null || none.getMaxAge() == 0).as("no remember-me cookie").isTrue();
    }

    @Test
    void a_login_is_remembered_for_a_training_day_in_a_lax_http_only_cookie_without_the_username() throws Exception {
        MvcResult login = loginResult(username, PASSWORD, home);
        Cookie remembered = login.getResponse().getCookie("remember-me");
        assertThat(remembered).isNotNull();
        assertThat(remembered.getMaxAge()).isGreaterThanOrEqualTo((int) Duration.ofHours(24).toSeconds());
        assertThat(remembered.isHttpOnly()).isTrue();
        assertThat(remembered.getAttribute("SameSite")).isEqualTo("Lax");
        assertThat(remembered.getSecure()).as("plain HTTP (development)").isFalse();
        assertThat(new String(java.util.Base64.getDecoder().decode(remembered.getValue()))).doesNotContain(username);
        mvc.perform(get("/").cookie(remembered)).andExpect(authenticated().withUsername(username));
        mvc.perform(get("/")).andExpect(unauthenticated());

        Cookie overHttps = mvc.perform(loginRequest(username, PASSWORD, home).secure(true)).andReturn()
                .getResponse().getCookie("remember-me");
        assertThat(overHttps.getSecure()).as("behind HTTPS").isTrue();
    }

    @Test
    void the_parallel_requests_of_a_phone_all_pass_with_the_same_cookie() throws Exception {
        Cookie phone = rememberMe();
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> signsIn(phone)));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
        assertThat(signsIn(phone)).isTrue();
    }

    @Test
    void logging_out_ends_the_remembered_logins_of_every_device_of_the_account() throws Exception {
        Cookie phone = rememberMe();
        MvcResult desktop = loginResult(username, PASSWORD, home);
        MockHttpSession session = (MockHttpSession) desktop.getRequest().getSession();

        mvc.perform(post("/logout").session(session).with(csrf())).andReturn();

        assertThat(signsIn(desktop.getResponse().getCookie("remember-me"))).as("the device that logged out").isFalse();
        assertThat(signsIn(phone)).as("the replayed cookie of another device").isFalse();
        assertThat(signsIn(rememberMe())).as("a new login is remembered again").isTrue();
    }

    @Test
    void changing_the_password_ends_every_remembered_login() throws Exception {
        Cookie phone = rememberMe();
        users.signIn(username);
        accountService.changeOwnPassword(PASSWORD, "a new one of my own");
        SecurityContextHolder.clearContext();

        assertThat(signsIn(phone)).isFalse();
        assertThat(login("a new one of my own")).doesNotContain("error");
    }

    @Test
    void disabling_or_resetting_an_account_ends_every_remembered_login() throws Exception {
        Cookie beforeReset = rememberMe();
        long id = jdbc.sql("select id from account where username = :u").param("u", username).query(Long.class).single();
        String[] issued = new String[1];
        SystemCaller.runAsSystem(() -> issued[0] = accountService.resetPassword(id).initialPassword());
        assertThat(signsIn(beforeReset)).as("after a reset").isFalse();

        Cookie beforeDisabling = loginResult(username, issued[0], home).getResponse().getCookie("remember-me");
        assertThat(signsIn(beforeDisabling)).isTrue();
        SystemCaller.runAsSystem(() -> accountService.setEnabled(id, false));
        assertThat(signsIn(beforeDisabling)).as("after disabling").isFalse();
        SystemCaller.runAsSystem(() -> accountService.setEnabled(id, true));
        assertThat(signsIn(beforeDisabling)).as("enabling again does not bring the old cookie back").isFalse();
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
    void failed_logins_add_up_in_a_row_or_two_with_a_count_and_a_short_label_whatever_the_caller_sends() throws Exception {
        String longName = "x".repeat(200);
        String password = "secret-typed-" + username;
        for (int i = 0; i < 100; i++) {
            assertThat(loginResult(longName, password, home).getResponse().getRedirectedUrl()).isEqualTo(BAD);
        }

        Map<String, Integer> counts = failureCounts(home);
        assertThat(counts).hasSizeLessThanOrEqualTo(2);
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
        List<String> rows = jdbc.sql("select concat_ws('|', actor, target_label, detail) from audit_event where remote_address = :a")
                .param("a", home).query(String.class).list();
        assertThat(rows).hasSizeLessThanOrEqualTo(2).allSatisfy(row -> assertThat(row)
                .doesNotContain(password).doesNotContain("x".repeat(51)));
    }
}
