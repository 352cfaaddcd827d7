package cn.tongxin.lecture;

import cn.tongxin.IntegrationTest;
import cn.tongxin.TestUsers;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The feeds over HTTP, as a calendar program fetches them: no login, through the real security filter chain. */
@IntegrationTest
class CalendarFeedTest {

    private static final String HOSTILE = "</script><img src=x onerror=alert(1)>; a,b\\c\n第二行";

    @Autowired WebApplicationContext context;
    @Autowired LectureService lectures;
    @Autowired LectureAnswers answers;
    @Autowired CalendarFeeds feeds;
    @Autowired LectureFixtures fixtures;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private long published(LectureFixtures.Setup s, String title, long unitId, int days) {
        users.signIn("organizer");
        Instant start = Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.HOURS);
        LectureData d = s.lecture(title, start, start.plus(Duration.ofHours(2)), null);
        d = new LectureData(d.topicId(), d.title(), unitId, null, d.lecturerIds(), null, d.place(), d.startsAt(), d.endsAt(),
                d.expectedCount(), d.hours(), d.audience(), d.opensBefore(), d.lateAfter(), d.closesAfter());
        long id = lectures.create(d);
        lectures.publish(id, lectures.get(id).version());
        return id;
    }

    /** A published class of the province with one session in {@code days} days, the person enrolled and confirmed. */
    private long session(long personId, int days) {
        Instant start = Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.HOURS);
        long cls = jdbc.sql("""
                        insert into rotation_class (title, unit_id, venue, start_date, end_date, capacity, enrolled, status)
                        values ('订阅测试班', (select id from unit where parent_id is null), '省社会主义学院', :d, :d, 10, 1,
                                'PUBLISHED') returning id""")
                .param("d", java.sql.Date.valueOf(start.atZone(cn.tongxin.base.CalendarFile.ZONE).toLocalDate()))
                .query(Long.class).single();
        long session = jdbc.sql("""
                        insert into rotation_session (class_id, title, kind, starts_at, ends_at, place, hours)
                        values (:c, '专题辅导', 'LECTURE', :s, :e, '报告厅', 3) returning id""")
                .param("c", cls).param("s", Timestamp.from(start)).param("e", Timestamp.from(start.plus(Duration.ofHours(3))))
                .query(Long.class).single();
        jdbc.sql("insert into rotation_enrollment (class_id, person_id, status) values (:c, :p, 'CONFIRMED')")
                .param("c", cls).param("p", personId).update();
        return session;
    }

    private String username(long personId) {
        return jdbc.sql("select username from account where person_id = :p").param("p", personId).query(String.class).single();
    }

    private static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1, url.length() - ".ics".length());
    }

    private MvcResult fetch(String token) throws Exception {
        SecurityContextHolder.clearContext(); // a calendar program has no login
        return mvc.perform(get("/calendar/" + token + ".ics")).andReturn();
    }

    private Calendar calendar(MvcResult result) throws Exception {
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentType()).isEqualToIgnoringCase("text/calendar;charset=utf-8");
        return Ics.parse(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8));
    }

    @Test
    void my_feed_holds_my_lectures_and_class_sessions_in_asia_shanghai_and_keeps_a_hostile_title_as_text() throws Exception {
        LectureFixtures.Setup s = fixtures.setup("feed");
        long lecture = published(s, "订阅宣讲", s.provinceId(), 60);
        long hostile = published(s, HOSTILE, s.provinceId(), 61);
        long declined = published(s, "谢绝的宣讲", s.provinceId(), 62);
        long session = session(s.invitee(), 63);
        users.signIn(username(s.invitee()));
        answers.answer(declined, InviteeResponse.DECLINED);
        String url = feeds.renewMine();
        assertThat(feeds.myFeed()).isPresent();
        assertThat(url).matches("https?://.+/calendar/[A-Za-z0-9_-]{43}\\.ics");

        Calendar cal = calendar(fetch(token(url)));

        assertThat(Ics.value(cal, Property.METHOD)).isEqualTo("PUBLISH");
        var validation = cal.validate(true);
        assertThat(validation.getEntries()).as("ical4j's RFC 5545/5546 validation").isEmpty();
        java.util.List<net.fortuna.ical4j.model.component.CalendarComponent> zones = cal.getComponents(Component.VTIMEZONE);
        assertThat(zones).singleElement()
                .satisfies(tz -> assertThat(Ics.value(tz, Property.TZID)).isEqualTo("Asia/Shanghai"));
        assertThat(Ics.event(cal, "lecture-" + lecture + "@tongxin")).get().satisfies(e -> {
            assertThat(Ics.value(e, Property.SUMMARY)).isEqualTo("订阅宣讲");
            assertThat(Ics.parameter(e, Property.DTSTART, Parameter.TZID)).isEqualTo("Asia/Shanghai");
        });
        assertThat(Ics.event(cal, "rotation-session-" + session + "@tongxin")).get().satisfies(e -> {
            assertThat(Ics.value(e, Property.SUMMARY)).isEqualTo("专题辅导");
            assertThat(Ics.parameter(e, Property.DTSTART, Parameter.TZID)).isEqualTo("Asia/Shanghai");
        });
        assertThat(Ics.event(cal, "lecture-" + hostile + "@tongxin")).get()
                .satisfies(e -> assertThat(Ics.value(e, Property.SUMMARY)).isEqualTo(HOSTILE));
        assertThat(Ics.event(cal, "lecture-" + declined + "@tongxin")).isEmpty();
    }

    @Test
    void a_renewed_or_revoked_address_answers_404_with_nothing_exactly_like_an_unknown_one() throws Exception {
        LectureFixtures.Setup s = fixtures.setup("feed-revoke");
        users.signIn(username(s.invitee()));
        String first = token(feeds.renewMine());
        users.signIn(username(s.invitee()));
        String second = token(feeds.renewMine());
        assertThat(fetch(second).getResponse().getStatus()).isEqualTo(200);

        MvcResult renewed = fetch(first);
        MvcResult unknown = fetch("A".repeat(43));
        MvcResult malformed = fetch("not-a-token");
        users.signIn(username(s.invitee()));
        feeds.revokeMine();
        assertThat(feeds.myFeed()).isEmpty();
        MvcResult revoked = fetch(second);

        for (MvcResult r : java.util.List.of(renewed, unknown, malformed, revoked)) {
            assertThat(r.getResponse().getStatus()).isEqualTo(404);
            assertThat(r.getResponse().getContentAsByteArray()).isEmpty();
            assertThat(r.getResponse().getContentType()).isEqualTo(unknown.getResponse().getContentType());
            assertThat(r.getResponse().getHeaderNames()).containsExactlyInAnyOrderElementsOf(unknown.getResponse().getHeaderNames());
        }
        // Only the hash is kept.
        assertThat(jdbc.sql("select count(*) from calendar_feed where token_hash = :t").param("t", second).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from calendar_feed where token_hash = :h").param("h", CalendarFeeds.hash(second))
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void a_person_feed_stops_answering_while_their_account_is_disabled() throws Exception {
        LectureFixtures.Setup s = fixtures.setup("feed-disabled");
        users.signIn(username(s.invitee()));
        String token = token(feeds.renewMine());
        jdbc.sql("update account set enabled = false where person_id = :p").param("p", s.invitee()).update();

        MvcResult disabled = fetch(token);
        assertThat(disabled.getResponse().getStatus()).isEqualTo(404);
        assertThat(disabled.getResponse().getContentAsByteArray()).isEmpty();

        jdbc.sql("update account set enabled = true where person_id = :p").param("p", s.invitee()).update();
        assertThat(fetch(token).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void a_unit_feed_holds_the_unit_s_own_lectures_only_and_is_managed_by_its_organizers() throws Exception {
        LectureFixtures.Setup s = fixtures.setup("feed-unit");
        long city = jdbc.sql("select id from unit where parent_id = :p order by id limit 1").param("p", s.provinceId())
                .query(Long.class).single();
        long ofProvince = published(s, "省级宣讲", s.provinceId(), 70);
        long ofCity = published(s, "市级宣讲", city, 71);
        users.signIn("organizer");
        String url = feeds.renewUnit(s.provinceId());

        Calendar cal = calendar(fetch(token(url)));

        assertThat(Ics.event(cal, "lecture-" + ofProvince + "@tongxin")).isPresent();
        assertThat(Ics.event(cal, "lecture-" + ofCity + "@tongxin")).isEmpty();
        assertThat(Ics.events(cal)).allSatisfy(e -> assertThat(Ics.value(e, Property.UID)).startsWith("lecture-"));

        users.signIn("qingzhou");
        assertThatThrownBy(() -> feeds.renewUnit(s.provinceId())).isInstanceOf(AccessDeniedException.class);
        users.signIn("trainee");
        assertThatThrownBy(() -> feeds.unitFeed(s.provinceId())).isInstanceOf(AccessDeniedException.class);
    }
}
