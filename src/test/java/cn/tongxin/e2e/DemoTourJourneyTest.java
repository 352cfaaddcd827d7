package cn.tongxin.e2e;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The demo province as people first see it: coverage for the organizer, classes and leave for a trainee on a phone. */
class DemoTourJourneyTest extends BrowserTest {

    @Test
    void the_organizer_reads_the_coverage_of_the_demo_plan_with_its_charts() {
        Page page = desktop();
        logIn(page, "organizer");
        page.navigate(url("rotation/coverage"));
        assertThat(page.locator("#coverage-stats")).isVisible();
        assertThat(page.locator("#coverage-units")).containsText("青州市委统战部");
        assertThat(page.locator(".tx-chart canvas").first()).isVisible();
        screenshot(page, "coverage-desktop");
        page.navigate(url("attendance"));
        assertThat(page.locator("#attendance-list")).isVisible();
        screenshot(page, "attendance-desktop");
    }

    @Test
    void the_organizer_reads_coverage_on_a_phone_and_edits_a_plan_with_named_people() {
        Page page = phone();
        logIn(page, "organizer");
        page.navigate(url("rotation/coverage"));
        assertThat(page.locator("#coverage-stats")).isVisible();
        assertThat(page.locator("#coverage-computed-at")).containsText("数据更新于");
        screenshot(page, "coverage-phone");
        Page desk = desktop();
        logIn(desk, "organizer");
        desk.navigate(url("rotation/plans"));
        desk.locator("#plans-grid vaadin-grid-cell-content").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("2023—2027")).first().click();
        assertThat(desk.locator("#plan-people")).isVisible();
        screenshot(desk, "plan-form-desktop");
    }

    @Test
    void the_trainee_sees_their_classes_and_asks_for_leave_on_a_phone() {
        Page page = phone();
        logIn(page, "trainee");
        page.navigate(url("my/classes"));
        assertThat(page.locator("vaadin-app-layout")).containsText("轮训班");
        screenshot(page, "my-classes-phone");
        page.navigate(url("leave"));
        assertThat(page.locator("#leave-mine")).isAttached();
        screenshot(page, "leave-phone");
    }
}
