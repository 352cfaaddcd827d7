package cn.tongxin.e2e;

import cn.tongxin.TestUsers;
import cn.tongxin.attendance.LeaveService;
import cn.tongxin.attendance.OccasionRef;
import cn.tongxin.people.AccountService;
import cn.tongxin.people.Gender;
import cn.tongxin.people.PersonData;
import cn.tongxin.people.PersonService;
import cn.tongxin.people.PersonStatus;
import cn.tongxin.people.ReferenceDataService;
import cn.tongxin.people.Rosters;
import cn.tongxin.people.UnitKind;
import cn.tongxin.people.UnitRef;
import cn.tongxin.people.UnitService;
import cn.tongxin.rotation.ClassData;
import cn.tongxin.rotation.EnrollmentService;
import cn.tongxin.rotation.RotationService;
import cn.tongxin.rotation.SessionData;
import cn.tongxin.rotation.SessionKind;
import cn.tongxin.security.Roles;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.FilePayload;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile text in every free-text field that reaches a page (names, titles, venues, leave reasons, the login name
 * in the audit log), then every page that shows it opened by a full page load: nothing it carries runs, nothing
 * breaks, and the text appears literally. A full load matters: Vaadin writes the view's first state into the page
 * itself (eager server load), inside an inline script.
 */
class HostileInputJourneyTest extends BrowserTest {

    /** Closes Vaadin's inline bootstrap script if it is written unescaped. */
    static final String BREAKOUT = "</script><img src=x onerror=alert(1)>";
    static final String SVG = "<svg onload=window.__xss=2>";
    static final String QUOTES = "\"'><img src=x onerror=__xss=3>&lt;b&gt;`${1}`\\";
    /** Line and paragraph separators (line ends to old JavaScript), right-to-left marks, emoji. */
    static final String ODD_CHARACTERS = "行\u2028分\u2029段 \u200f\u202e反向\u202c\u200e 😀👨‍👩‍👧 <!--<script>";
    static final String CJK_50 = "统一战线理论学习培训".repeat(5);
    /** All of them: 200 characters, as long as a class title may be. */
    static final String ALL = String.join(" ", BREAKOUT, SVG, QUOTES, ODD_CHARACTERS, CJK_50);
    /** Sorts before the demo names, so it is on the first page of the people list. */
    static final String IMPORTED = "</script><svg onload=alert('名册')>";
    static final String DISPLAY_NAME = BREAKOUT + " 😀\u2028\u200f";
    static final String VENUE = String.join(" ", "场地", BREAKOUT, ODD_CHARACTERS, QUOTES);

    @Autowired
    TestUsers users;
    @Autowired
    UnitService units;
    @Autowired
    PersonService people;
    @Autowired
    ReferenceDataService reference;
    @Autowired
    RotationService rotation;
    @Autowired
    EnrollmentService enrollment;
    @Autowired
    LeaveService leave;
    @Autowired
    AccountService accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    private final SoftAssertions softly = new SoftAssertions();

    @AfterEach
    void signOutOfTheTestThread() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void hostile_text_in_every_field_stays_text_on_every_page_opened_by_a_full_load() throws Exception {
        Page trainee = watched(phone());
        // An anonymous failed login puts the name typed into the audit log, which an administrator reads.
        trainee.navigate(url("login"));
        trainee.locator("vaadin-login-form input[name=username]").fill(BREAKOUT);
        trainee.locator("vaadin-login-form input[name=password]").fill("not-the-password");
        trainee.locator("vaadin-login-form vaadin-button[slot=submit]").click();
        trainee.waitForURL(u -> u.contains("error="));

        Hostile data = hostileData();

        Page admin = watched(desktop());
        List<String> sockets = new CopyOnWriteArrayList<>();
        admin.onWebSocket(socket -> sockets.add(socket.url()));
        logIn(admin, "admin");
        check(admin, "admin/audit", BREAKOUT);
        check(admin, "people/" + data.people().getFirst(), names(0), data.unit().name());
        check(admin, "people/" + data.people().get(3), names(3), data.unit().name());
        check(admin, "rotation/class/" + data.classId(), ALL, VENUE, data.sessionTitle(), names(0), names(1), names(2),
                names(3), names(4));
        screenshot(admin, "hostile-class");
        check(admin, "rotation/classes", ALL);
        check(admin, "attendance/door/SESSION/" + data.sessionNow(), data.sessionTitle());
        String qr = admin.locator("#door-qr").count() == 0 ? null : admin.locator("#door-qr").getAttribute("src");
        softly.assertThat(qr).as("the door screen shows its QR").isNotNull();
        check(admin, "attendance/kiosk/SESSION/" + data.sessionNow(), data.sessionTitle());
        check(admin, "attendance/board/SESSION/" + data.sessionNow(), data.sessionTitle(), names(0), names(4));
        chartShows(admin, "board", data.unit().name());
        screenshot(admin, "hostile-board");
        check(admin, "rotation/coverage");
        check(admin, "attendance/leave", ALL, data.laterTitle());
        check(admin, "attendance", data.sessionTitle());
        check(admin, "admin/units", data.unit().name());
        check(admin, "verify/" + data.certificate(), names(4), ALL);
        importRoster(admin);
        check(admin, "people", IMPORTED);
        softly.assertThat(sockets).as("the push websocket opened").anyMatch(u -> u.contains("VAADIN/push"));

        logIn(trainee, data.trainee());
        check(trainee, "", DISPLAY_NAME, data.sessionTitle());
        check(trainee, "my/classes", DISPLAY_NAME, ALL, VENUE);
        check(trainee, "leave", DISPLAY_NAME, ALL, data.laterTitle());
        check(trainee, "my-record", names(0), data.unit().name());
        if (qr != null) {
            check(trainee, readQr(qr).replaceFirst("http://localhost:\\d+/", ""), data.sessionTitle());
        }

        softly.assertAll();
    }

    @Test
    void every_page_carries_a_content_security_policy_under_which_markup_that_slipped_in_cannot_run() {
        Page page = watched(desktop());
        Response response = page.navigate(url("login"));
        String policy = response.headerValue("content-security-policy");
        String scripts = Arrays.stream(policy.split(";")).map(String::trim).filter(d -> d.startsWith("script-src "))
                .findFirst().orElseThrow();
        assertThat(scripts).contains("'self'", "'nonce-").doesNotContain("'unsafe-inline'", "*");
        assertThat(policy).contains("object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'");
        assertThat(response.headerValue("referrer-policy")).isEqualTo("same-origin");
        assertThat(response.headerValue("permissions-policy")).contains("camera=()");
        assertThat(page.locator("vaadin-login-form")).isVisible();
        assertThat(page.evaluate("window.__csp")).as("Vaadin's own scripts").asList().isEmpty();
        assertThat(page.navigate(url("login")).headerValue("content-security-policy"))
                .as("a new nonce for each page").isNotEqualTo(policy);

        // Markup that got into the page anyway: an inline handler and a script without the nonce.
        page.evaluate("""
                () => {
                  document.body.insertAdjacentHTML('beforeend', '<img src=x onerror="window.__xss = 1">');
                  const script = document.createElement('script');
                  script.textContent = 'window.__xss = 2';
                  document.head.append(script);
                }""");
        page.waitForFunction("() => window.__csp.length >= 2");
        assertThat(page.evaluate("window.__xss")).isNull();
        assertThat(page.evaluate("window.__csp.join('|')").toString())
                .contains("script-src-attr", "script-src-elem");
        assertThat(cspViolations).as("what BrowserTest fails any other test for").isNotEmpty();
        cspViolations.clear(); // provoked on purpose
    }

    /** The hostile people (one per string), their unit, the first one's account, a class with a session open now and one later. */
    record Hostile(UnitRef unit, List<Long> people, String trainee, long classId, long sessionNow, String sessionTitle, long sessionLater,
                   String laterTitle, String certificate) {
    }

    private static String names(int i) {
        return List.of(BREAKOUT, SVG, QUOTES, ODD_CHARACTERS, CJK_50).get(i);
    }

    private Hostile hostileData() throws InterruptedException {
        users.signIn("admin");
        UnitRef province = units.visibleUnits().stream().filter(u -> u.parentId() == null).findFirst().orElseThrow();
        UnitRef unit = units.create(province.id(), "单位 " + QUOTES + " " + ODD_CHARACTERS, UnitKind.MEMBER);
        long sector = reference.sectors().getFirst().id();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(people.create(new PersonData(names(i), Gender.F, "汉族", LocalDate.of(1980, 1, 1), null, null,
                    "hostile" + i + "-" + System.nanoTime() + "@example.cn", unit.id(), null, Set.of(sector), QUOTES,
                    false, PersonStatus.ACTIVE)));
        }
        // The first of them signs in as a trainee: their name is in the header of every page they open.
        String username = "hostile" + System.nanoTime() % 1_000_000;
        accounts.create(username, DISPLAY_NAME, unit.id(), ids.getFirst(), Set.of(Roles.TRAINEE), DEMO_PASSWORD);
        LocalDateTime now = LocalDateTime.now(clock).withSecond(0).withNano(0);
        LocalDate today = now.toLocalDate();
        long cls = rotation.createClass(new ClassData(ALL, unit.id(), VENUE, today, today.plusDays(3), 20, Set.of(),
                90, null, null));
        String nowTitle = String.join(" ", "第一讲", BREAKOUT, QUOTES, ODD_CHARACTERS);
        long sessionNow = rotation.addSession(cls, new SessionData(nowTitle, SessionKind.LECTURE, BREAKOUT, now.plusMinutes(10),
                now.plusMinutes(100), "地点 " + QUOTES, new BigDecimal(2), 30, 10, 60));
        String laterTitle = "第二讲 " + ODD_CHARACTERS + BREAKOUT;
        long sessionLater = rotation.addSession(cls, new SessionData(laterTitle, SessionKind.LECTURE, SVG,
                today.plusDays(3).atTime(9, 0), today.plusDays(3).atTime(12, 0), ODD_CHARACTERS, new BigDecimal(3), 30, 10, 60));
        enrollment.enroll(cls, ids, false);
        rotation.advance(cls);
        rotation.advance(cls);
        enrollment.markCompleted(cls, ids.getLast());

        users.signIn(username);
        leave.request(List.of(new OccasionRef("SESSION", sessionLater)), ALL);
        SecurityContextHolder.clearContext();
        return new Hostile(unit, ids, username, cls, sessionNow, nowTitle, sessionLater, laterTitle, certificateOf(ids.getLast()));
    }

    /** The certificate is issued after the completion's transaction, by an event listener. */
    private String certificateOf(long personId) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var number = jdbc.sql("select number from certificate where person_id = :p").param("p", personId)
                    .query(String.class).optional();
            if (number.isPresent()) {
                return number.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no certificate issued");
    }

    private final HostilePages pages = new HostilePages(softly, this::url);

    private Page watched(Page page) {
        return pages.watched(page);
    }

    /** 名册导入 through the page: the upload, the preview of the hostile name (it comes by push), the import. */
    private void importRoster(Page page) {
        check(page, "people/import");
        byte[] roster = Rosters.xlsx(List.of(Arrays.asList(IMPORTED, "女", "汉族", null, Rosters.idCard(Gender.F),
                "13800138000", null, "江川省委统战部", "民主党派成员", "民盟", QUOTES, "否")));
        page.locator("#roster-upload input[type=file]").setInputFiles(new FilePayload(SVG + "名册.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", roster));
        assertThat(page.locator("#roster-good-rows")).containsText(IMPORTED);
        assertThat(page.locator("#roster-preview")).containsText(SVG + "名册.xlsx");
        page.locator("#roster-confirm").click();
        assertThat(page.locator("#roster-result")).isVisible();
        nothingRan(page, "roster import");
    }

    /** The chart on the page names the label literally, and pointing at it (ECharts' HTML tooltip) runs nothing. */
    private void chartShows(Page page, String what, String label) {
        pages.problems.clear();
        String labels = """
                () => [...document.querySelectorAll('.tx-chart')].flatMap(el => {
                  const chart = window.echarts && echarts.getInstanceByDom(el);
                  if (!chart) return [];
                  const o = chart.getOption();
                  return [...(o.xAxis || []), ...(o.yAxis || [])].flatMap(axis => axis.data || []);
                })""";
        try {
            page.waitForFunction("label => (" + labels + ")().includes(label)", label,
                    new Page.WaitForFunctionOptions().setTimeout(10_000));
        } catch (PlaywrightException timedOut) {
            softly.fail("%s chart: label not shown literally among %s", what, page.evaluate(labels));
        }
        page.locator(".tx-chart canvas").first().hover();
        page.waitForTimeout(500);
        nothingRan(page, what + " chart");
    }

    private void check(Page page, String path, String... texts) {
        pages.check(page, path, texts);
    }

    private void nothingRan(Page page, String what) {
        pages.nothingRan(page, what);
    }
}
