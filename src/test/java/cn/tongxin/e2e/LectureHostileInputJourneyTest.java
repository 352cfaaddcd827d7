package cn.tongxin.e2e;

import cn.tongxin.TestUsers;
import cn.tongxin.lecture.CalendarFeeds;
import cn.tongxin.lecture.GroupData;
import cn.tongxin.lecture.InviteeResponse;
import cn.tongxin.lecture.LectureAnswers;
import cn.tongxin.lecture.LectureCatalogue;
import cn.tongxin.lecture.LectureData;
import cn.tongxin.lecture.LectureFeedback;
import cn.tongxin.lecture.LectureOrders;
import cn.tongxin.lecture.LectureReports;
import cn.tongxin.lecture.LectureService;
import cn.tongxin.lecture.LecturerData;
import cn.tongxin.lecture.PhotoFile;
import cn.tongxin.lecture.ReportDraft;
import cn.tongxin.lecture.ReportFixtures;
import cn.tongxin.lecture.TopicData;
import cn.tongxin.lecture.VenueData;
import cn.tongxin.people.AccountService;
import cn.tongxin.people.Audience;
import cn.tongxin.people.Gender;
import cn.tongxin.people.PersonData;
import cn.tongxin.people.PersonService;
import cn.tongxin.people.PersonStatus;
import cn.tongxin.people.ReferenceDataService;
import cn.tongxin.Application;
import cn.tongxin.security.Roles;
import com.microsoft.playwright.Page;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.tongxin.e2e.HostileInputJourneyTest.BREAKOUT;
import static cn.tongxin.e2e.HostileInputJourneyTest.CJK_50;
import static cn.tongxin.e2e.HostileInputJourneyTest.DISPLAY_NAME;
import static cn.tongxin.e2e.HostileInputJourneyTest.ODD_CHARACTERS;
import static cn.tongxin.e2e.HostileInputJourneyTest.QUOTES;
import static cn.tongxin.e2e.HostileInputJourneyTest.SVG;

/**
 * The lecture feature's free texts (lecturer fields and profile, group, topic title and summary, material and photo
 * file names, venue name and address, lecture title and place, cancel reason, order audience, note and decline
 * reason, report summary and return reason, feedback comment) filled with the hostile strings of
 * {@link HostileInputJourneyTest} through the real services, then every page that shows them opened by a full load
 * in Chromium: the text appears literally and nothing in it runs. The invitation mail carries the title as text and
 * its .ics reads back to the same SUMMARY.
 */
class LectureHostileInputJourneyTest extends BrowserTest {

    static final String FIELDS = "领域 " + QUOTES;
    static final String PROFILE = "简介 " + BREAKOUT + " " + ODD_CHARACTERS + " " + SVG;
    static final String GROUP = "宣讲团 " + SVG + " " + QUOTES;
    static final String TOPIC = "主题 " + BREAKOUT + " " + QUOTES;
    static final String SUMMARY = "内容提要 " + SVG + " " + ODD_CHARACTERS + " " + CJK_50;
    static final String MATERIAL = "材料 " + QUOTES.replace("\\", "") + " " + SVG;
    static final String VENUE = "会场 " + SVG + " " + QUOTES;
    static final String ADDRESS = "地址 " + BREAKOUT + " " + ODD_CHARACTERS;
    static final String TITLE = "宣讲 " + BREAKOUT + " " + QUOTES + " " + ODD_CHARACTERS;
    static final String PLACE = "地点 " + SVG + " " + QUOTES;
    static final String CANCELLED = "取消 " + SVG + " " + BREAKOUT;
    static final String CANCEL_REASON = "取消原因 " + BREAKOUT + " " + ODD_CHARACTERS + " " + QUOTES;
    static final String HELD = "已讲 " + QUOTES + " " + SVG;
    static final String AUDIENCE = "听众 " + BREAKOUT + " " + ODD_CHARACTERS;
    static final String NOTE = "备注 " + SVG + " " + QUOTES;
    static final String DECLINE_REASON = "婉拒 " + QUOTES + " " + BREAKOUT;
    static final String REPORT = "总结 " + BREAKOUT + " " + ODD_CHARACTERS + " " + QUOTES;
    static final String PHOTO = "照片 " + SVG + " 'x'";
    static final String RETURN_REASON = "退回 " + SVG + " " + QUOTES + " " + ODD_CHARACTERS;
    static final String COMMENT = "评价 " + BREAKOUT + " " + QUOTES + " " + ODD_CHARACTERS;
    static final String LECTURER = "宣讲员 " + SVG;

    @Autowired TestUsers users;
    @Autowired PersonService people;
    @Autowired AccountService accounts;
    @Autowired ReferenceDataService reference;
    @Autowired LectureCatalogue catalogue;
    @Autowired LectureService lectures;
    @Autowired LectureOrders orders;
    @Autowired LectureAnswers answers;
    @Autowired LectureReports reports;
    @Autowired LectureFeedback feedback;
    @Autowired CalendarFeeds feeds;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;

    private final SoftAssertions softly = new SoftAssertions();
    private final HostilePages pages = new HostilePages(softly, this::url);

    @AfterEach
    void signOutOfTheTestThread() {
        SecurityContextHolder.clearContext();
    }

    /** What the journey made: the lectures (coming, cancelled, held), the topic and the accounts. */
    record Made(long coming, LocalDate comingDay, long cancelled, long held, long topic, long lecturerPerson, long group,
                long venue, String trainee, String lecturer,
                String traineeMail, String lecturerMail, String organizerMail) {
    }

    @Test
    void hostile_text_in_every_lecture_field_stays_text_on_every_page_opened_by_a_full_load() throws Exception {
        Made m = hostileLectures();

        Page admin = pages.watched(desktop());
        logIn(admin, "admin");
        pages.check(admin, "lectures?mode=month&date=" + m.comingDay(), TITLE);
        screenshot(admin, "hostile-lecture-month");
        pages.check(admin, "lectures?mode=list", TITLE);
        pages.check(admin, "lectures/" + m.coming(), TITLE, PLACE, TOPIC, VENUE, LECTURER);
        screenshot(admin, "hostile-lecture");
        pages.check(admin, "lectures/" + m.cancelled(), CANCELLED, CANCEL_REASON);
        pages.check(admin, "lectures/" + m.held(), HELD);
        pages.check(admin, "lectures/" + m.coming() + "/edit", TITLE, PLACE);
        catalogueTabs(admin, m);
        pages.check(admin, "lecture-menu", TOPIC, SUMMARY);
        ordersTabs(admin);
        campaign(admin);
        pages.check(admin, "lecture-reports", HELD);
        pages.check(admin, "lectures/" + m.held() + "/report", HELD, REPORT, PHOTO + ".png", RETURN_REASON);
        screenshot(admin, "hostile-lecture-report");
        pages.check(admin, "lecture-feedback?lecture=" + m.held(), HELD, COMMENT);
        pages.check(admin, "admin/audit", TITLE, CANCELLED, HELD, TOPIC);

        Page organizer = pages.watched(desktop());
        logIn(organizer, "organizer");
        pages.check(organizer, "lectures/" + m.coming(), TITLE, PLACE);
        pages.check(organizer, "lecture-reports", HELD);
        pages.check(organizer, "lecture-orders", TOPIC, AUDIENCE, NOTE, DECLINE_REASON);
        pages.check(organizer, "lectures/" + m.held() + "/report", REPORT, PHOTO + ".png", RETURN_REASON);

        Page trainee = pages.watched(phone());
        logIn(trainee, m.trainee());
        pages.check(trainee, "", DISPLAY_NAME, TITLE);
        pages.check(trainee, "my/lectures", TITLE, PLACE, CANCELLED);
        screenshot(trainee, "hostile-my-lectures");
        pages.check(trainee, "lectures/" + m.coming(), TITLE, PLACE);
        pages.check(trainee, "lectures/" + m.cancelled(), CANCELLED, CANCEL_REASON);
        pages.check(trainee, "my/calendar", DISPLAY_NAME);
        calendarFeed(trainee, m);

        Page lecturer = pages.watched(phone());
        logIn(lecturer, m.lecturer());
        pages.check(lecturer, "my/lecturing", TITLE, HELD);
        screenshot(lecturer, "hostile-my-lecturing");
        pages.check(lecturer, "lectures/" + m.held() + "/report", REPORT, PHOTO + ".png", RETURN_REASON);

        invitationMail(m);
        softly.assertAll();
    }

    /**
     * The four tabs of 宣讲资源, each clicked, and the topic's materials dialog. Each grid is first scrolled to the
     * hostile row (a grid renders only the rows in view, and other tests may have filled the catalogue).
     */
    private void catalogueTabs(Page page, Made m) {
        users.signIn("admin");
        int lecturerRow = indexOf(catalogue.lecturerRows().stream().map(r -> r.personId()).toList(), m.lecturerPerson());
        int groupRow = indexOf(catalogue.groups().stream().map(r -> r.id()).toList(), m.group());
        int topicRow = indexOf(catalogue.topics(false).stream().map(r -> r.id()).toList(), m.topic());
        int venueRow = indexOf(catalogue.venues().stream().map(r -> r.id()).toList(), m.venue());
        SecurityContextHolder.clearContext();

        pages.check(page, "lecture-catalogue");
        scrollTo(page, "lecturers-grid", lecturerRow);
        pages.shows(page, "lecture-catalogue lecturers", LECTURER, FIELDS, PROFILE);
        tab(page, 1, "groups-grid", groupRow);
        pages.shows(page, "lecture-catalogue groups", GROUP, LECTURER);
        tab(page, 3, "venues-grid", venueRow);
        pages.shows(page, "lecture-catalogue venues", VENUE, ADDRESS);
        tab(page, 2, "topics-grid", topicRow);
        pages.shows(page, "lecture-catalogue topics", TOPIC, SUMMARY);
        page.locator("#topic-materials-" + m.topic()).click();
        pages.shows(page, "materials dialog", MATERIAL + ".pdf");
        screenshot(page, "hostile-materials");
        page.locator("#materials-close").click();
    }

    private static void tab(Page page, int tab, String grid, int row) {
        page.locator("#catalogue-tabs vaadin-tab").nth(tab).click();
        page.locator("#" + grid).waitFor();
        scrollTo(page, grid, row);
    }

    private static void scrollTo(Page page, String grid, int row) {
        page.locator("#" + grid).evaluate("(grid, row) => grid.scrollToIndex(row)", row);
    }

    private static int indexOf(List<Long> ids, long id) {
        int i = ids.indexOf(id);
        return Math.max(i, 0);
    }

    /** 宣讲覆盖: the hostile topic chosen by typing its title into the topic box (a hostile filter too). */
    private void campaign(Page page) {
        pages.check(page, "lecture-campaign");
        page.locator("#campaign-topic input").fill(TOPIC);
        page.locator("vaadin-combo-box-item").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("主题 "))
                .first().click();
        pages.shows(page, "lecture-campaign", TOPIC, LECTURER);
        screenshot(page, "hostile-campaign");
    }

    private void ordersTabs(Page page) {
        pages.check(page, "lecture-orders", TOPIC, AUDIENCE, NOTE, DECLINE_REASON);
        page.locator("#orders-tabs vaadin-tab").nth(1).click();
        pages.shows(page, "lecture-orders, the other tab", TOPIC, AUDIENCE, NOTE, DECLINE_REASON);
        page.locator("#orders-tabs vaadin-tab").nth(0).click();
        pages.shows(page, "lecture-orders, the first tab again", TOPIC, AUDIENCE);
    }

    /** The trainee's calendar feed, fetched as a calendar program would: the SUMMARY of each lecture is its title. */
    private void calendarFeed(Page page, Made m) throws Exception {
        users.signIn(m.trainee());
        String address = feeds.renewMine();
        SecurityContextHolder.clearContext();
        var response = page.request().get(url(address.substring(address.indexOf("calendar/"))));
        softly.assertThat(response.status()).as("calendar feed").isEqualTo(200);
        Calendar calendar = new CalendarBuilder().build(new StringReader(response.text()));
        List<String> summaries = calendar.<VEvent>getComponents(Component.VEVENT).stream()
                .map(e -> e.getProperty(Property.SUMMARY).map(Property::getValue).orElse(null)).toList();
        softly.assertThat(summaries).as("SUMMARY in the calendar feed").contains(TITLE, HELD);
    }

    /** The invitation to the coming lecture in the outbox: the title as text, an .ics whose SUMMARY is the title. */
    private void invitationMail(Made m) throws Exception {
        var rows = jdbc.sql("select subject, body, attachment_name, attachment from mail_outbox where recipient = :r order by id")
                .param("r", m.traineeMail()).query((rs, n) -> new Object[]{rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getBytes(4)}).list();
        var invitation = rows.stream().filter(r -> ((String) r[0]).contains("宣讲 ") || ((String) r[1]).contains(TITLE)).findFirst();
        softly.assertThat(invitation).as("the invitation to %s in the outbox among %s", TITLE, rows.size()).isPresent();
        if (invitation.isEmpty()) {
            return;
        }
        Object[] mail = invitation.get();
        softly.assertThat((String) mail[1]).as("mail body").contains(TITLE, PLACE);
        softly.assertThat((String) mail[0]).as("mail subject").contains(BREAKOUT, QUOTES);
        softly.assertThat((String) mail[2]).isEqualTo("lecture.ics");
        String ics = new String((byte[]) mail[3], StandardCharsets.UTF_8);
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        softly.assertThat(events).hasSize(1);
        softly.assertThat(events.getFirst().getProperty(Property.SUMMARY).map(Property::getValue).orElse(null))
                .as("SUMMARY of the .ics").isEqualTo(TITLE);
        softly.assertThat(events.getFirst().getProperty(Property.LOCATION).map(Property::getValue).orElse(""))
                .as("LOCATION of the .ics").contains(VENUE);
        // The cancellation mail of the other lecture carries its reason as text.
        softly.assertThat(rows.stream().map(r -> (String) r[1])).as("the cancellation's reason in a mail")
                .anyMatch(b -> b.contains(CANCEL_REASON) && b.contains(CANCELLED));
        softly.assertThat(bodies(m.lecturerMail())).as("the return reason in the lecturer's mail")
                .anyMatch(b -> b.contains(RETURN_REASON) && b.contains(HELD));
        softly.assertThat(bodies(m.organizerMail())).as("the decline reason in the ordering unit's mail")
                .anyMatch(b -> b.contains(DECLINE_REASON) && b.contains(TOPIC));
    }

    private List<String> bodies(String recipient) {
        return jdbc.sql("select body from mail_outbox where recipient = :r order by id").param("r", recipient)
                .query(String.class).list();
    }

    /**
     * Through the real services: a hostile lecturer (with an account), group, topic with a material, venue; a coming
     * lecture the hostile trainee answers, a cancelled one, one held that the lecturer reported (sent back) and the
     * trainee rated; two orders, one declined.
     */
    private Made hostileLectures() {
        users.signIn("admin");
        long province = jdbc.sql("select id from unit where parent_id is null").query(Long.class).single();
        long sector = reference.sectors().getFirst().id();
        String tag = Long.toString(System.nanoTime() % 1_000_000_000);
        String traineeMail = "hostile-lect-" + tag + "@example.cn";
        long traineePerson = people.create(new PersonData(BREAKOUT + " 学员", Gender.F, "汉族", LocalDate.of(1985, 1, 1), null,
                null, traineeMail, province, null, Set.of(sector), QUOTES, false, PersonStatus.ACTIVE));
        String trainee = "hlt" + tag;
        accounts.create(trainee, DISPLAY_NAME, province, traineePerson, Set.of(Roles.TRAINEE), DEMO_PASSWORD);
        String lecturerMail = "hostile-lecturer-" + tag + "@example.cn";
        long lecturerPerson = people.create(new PersonData(LECTURER, Gender.M, "汉族", LocalDate.of(1970, 1, 1), null, null,
                lecturerMail, province, null, Set.of(sector), null, false, PersonStatus.ACTIVE));
        String lecturer = "hll" + tag;
        accounts.create(lecturer, LECTURER, province, lecturerPerson, Set.of(Roles.TRAINEE), DEMO_PASSWORD);

        catalogue.addLecturer(lecturerPerson, new LecturerData(FIELDS, PROFILE, true));
        long group = catalogue.createGroup(new GroupData(GROUP + " " + tag, province, lecturerPerson, Set.of(lecturerPerson)));
        LocalDate today = LocalDate.now(clock.withZone(Application.ZONE));
        long topic = catalogue.createTopic(new TopicData(TOPIC, SUMMARY, province, today, today.plusDays(365), true,
                BigDecimal.valueOf(2)));
        catalogue.addMaterial(topic, MATERIAL + ".pdf", "%PDF-1.4\n%hostile\n".getBytes(StandardCharsets.US_ASCII));
        long venue = catalogue.createVenue(new VenueData(VENUE, ADDRESS, 100, province, true));

        Instant comingStart = Instant.now(clock).plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        long coming = lectures.create(lecture(topic, TITLE, province, lecturerPerson, venue, PLACE, comingStart, traineePerson));
        lectures.publish(coming, lectures.get(coming).version());
        Instant cancelStart = comingStart.plus(Duration.ofDays(1));
        long cancelled = lectures.create(lecture(topic, CANCELLED, province, lecturerPerson, null, PLACE, cancelStart,
                traineePerson));
        lectures.publish(cancelled, lectures.get(cancelled).version());
        lectures.cancel(cancelled, lectures.get(cancelled).version(), CANCEL_REASON);
        // Began three hours ago and ended an hour ago: it may be reported, and its feedback is open.
        Instant heldStart = Instant.now(clock).minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        long held = lectures.create(lecture(topic, HELD, province, lecturerPerson, null, PLACE, heldStart, traineePerson));
        lectures.publish(held, lectures.get(held).version());

        long city = jdbc.sql("select unit_id from account where username = 'qingzhou'").query(Long.class).single();
        // An organizer of the ordering unit with a mail address: the unit is told of the decline.
        String organizerMail = "hostile-organizer-" + tag + "@example.cn";
        long organizerPerson = people.create(new PersonData("联络员 " + QUOTES, Gender.M, "汉族", LocalDate.of(1975, 1, 1), null,
                null, organizerMail, city, null, Set.of(sector), null, false, PersonStatus.ACTIVE));
        accounts.create("hlo" + tag, "联络员", city, organizerPerson, Set.of(Roles.ORGANIZER), DEMO_PASSWORD);
        orders.order(topic, city, today.plusDays(10), today.plusDays(20), AUDIENCE, 20, null, NOTE);
        long declined = orders.order(topic, city, today.plusDays(11), today.plusDays(21), AUDIENCE, 20, null, NOTE);
        orders.decline(declined, orders.get(declined).version(), DECLINE_REASON);

        users.signIn(trainee);
        answers.answer(coming, InviteeResponse.CONFIRMED);
        Map<Long, Integer> ratings = new HashMap<>();
        feedback.questions().forEach(q -> ratings.put(q.id(), 4));
        feedback.give(held, ratings, COMMENT, false);

        users.signIn(lecturer);
        reports.file(held, new ReportDraft(null, 1, REPORT, List.of(new PhotoFile(PHOTO + ".png", ReportFixtures.png(64, 48))),
                Set.of()));
        users.signIn("admin");
        reports.sendBack(held, reports.report(held).version(), RETURN_REASON);
        SecurityContextHolder.clearContext();
        return new Made(coming, LocalDate.ofInstant(comingStart, Application.ZONE), cancelled, held, topic, lecturerPerson,
                group, venue, trainee, lecturer,
                traineeMail, lecturerMail, organizerMail);
    }

    private static LectureData lecture(long topic, String title, long unit, long lecturer, Long venue, String place,
                                       Instant start, long invitee) {
        return new LectureData(topic, title, unit, null, Set.of(lecturer), venue, place, start, start.plus(Duration.ofHours(2)),
                30, BigDecimal.valueOf(2), new Audience(Set.of(), Set.of(), Set.of(), false, Set.of(invitee)),
                LectureData.OPENS_BEFORE, LectureData.LATE_AFTER, LectureData.CLOSES_AFTER);
    }
}
