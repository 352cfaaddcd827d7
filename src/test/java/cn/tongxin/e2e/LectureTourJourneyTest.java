package cn.tongxin.e2e;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The demo province's lectures as each role first sees them, on an office screen and on a phone. */
class LectureTourJourneyTest extends BrowserTest {

    @Test
    void the_organizer_plans_lectures_in_the_calendar_decides_orders_and_reads_the_campaign() {
        Page page = desktop();
        logIn(page, "organizer");
        page.navigate(url("lectures?mode=month"));
        assertThat(page.locator("#calendar-month")).isVisible();
        assertThat(page.locator("[id^=calendar-lecture-]").first()).isVisible();
        screenshot(page, "lecture-calendar-month-desktop");
        page.locator("#calendar-mode-week").click();
        assertThat(page.locator("#calendar-week")).isVisible();
        screenshot(page, "lecture-calendar-week-desktop");

        page.locator("#calendar-mode-month").click();
        page.locator("[id^=calendar-lecture-]").first().click();
        assertThat(page.locator("#lecture-heading")).isVisible();
        screenshot(page, "lecture-page-desktop");

        page.navigate(url("lecture-orders"));
        assertThat(page.locator("vaadin-app-layout")).containsText("云州市各民主党派市委会骨干成员");
        screenshot(page, "lecture-orders-desktop");
        page.navigate(url("lecture-campaign"));
        assertThat(page.locator("#campaign-units")).isVisible();
        assertThat(page.locator("#campaign-chart canvas, #campaign-chart svg").first()).isVisible();
        screenshot(page, "lecture-campaign-desktop");
        page.navigate(url("lecture-catalogue"));
        assertThat(page.locator("#lecturers-grid")).isVisible();
        screenshot(page, "lecture-catalogue-desktop");
        page.navigate(url("lecture-menu"));
        assertThat(page.locator("vaadin-app-layout")).containsText("学习贯彻党的二十届三中全会精神");
        screenshot(page, "lecture-menu-desktop");
    }

    @Test
    void the_checker_reads_the_reports_and_the_feedback_with_its_charts() {
        Page page = desktop();
        logIn(page, "checker");
        page.navigate(url("lecture-reports"));
        assertThat(page.locator("#reports-all")).isVisible();
        screenshot(page, "lecture-reports-desktop");
        page.locator("#reports-all vaadin-grid-cell-content").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("专场")).first().click();
        assertThat(page.locator("#report-summary-shown")).containsText("宣讲围绕主题展开");
        screenshot(page, "lecture-report-desktop");
        page.navigate(url("lecture-feedback"));
        assertThat(page.locator("#feedback-kind")).isVisible();
        screenshot(page, "lecture-feedback-results-desktop");
    }

    @Test
    void on_a_phone_the_trainee_finds_the_invitations_and_the_calendar_starts_with_the_list() {
        Page page = phone();
        logIn(page, "trainee");
        assertThat(page.locator("#home-lectures")).isVisible();
        page.navigate(url("my/lectures"));
        assertThat(page.locator("vaadin-app-layout")).containsText("青州专场");
        screenshot(page, "my-lectures-phone");
        page.navigate(url("lectures"));
        assertThat(page.locator("#calendar-list")).isVisible();
        screenshot(page, "lecture-calendar-phone");
        page.navigate(url("my/calendar"));
        assertThat(page.locator("#feed-create")).isVisible();
        screenshot(page, "my-calendar-phone");
    }

    @Test
    void the_lecturer_sees_their_lectures_materials_and_the_report_still_due() {
        Page page = phone();
        logIn(page, "lecturer");
        page.navigate(url("my/lecturing"));
        assertThat(page.locator("[id^=report-due-]").first()).isVisible();
        screenshot(page, "my-lecturing-phone");
    }
}
