package cn.tongxin.e2e;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The demo province's study records as each role first sees them: the archive, self-study, the checker's pages. */
class RecordTourJourneyTest extends BrowserTest {

    @Test
    void on_a_phone_the_trainee_reads_the_years_hours_against_the_target_and_their_self_study() {
        Page page = phone();
        logIn(page, "trainee");
        assertThat(page.locator("#home-self-study-returned")).isVisible();
        screenshot(page, "record-home-phone");
        page.navigate(url("my/archive"));
        assertThat(page.locator("#archive-progress")).containsText("学时");
        assertThat(page.locator("#archive-selfstudy")).containsText("研读《中国新型政党制度》白皮书");
        screenshot(page, "my-archive-phone");
        page.navigate(url("my/self-study"));
        assertThat(page.locator("vaadin-app-layout")).containsText("请补充集中学习的签到表或会议记录照片");
        screenshot(page, "my-self-study-phone");
    }

    @Test
    void the_checker_works_through_the_queue_draws_a_spot_check_and_verifies_a_chain() {
        Page page = desktop();
        logIn(page, "checker");
        page.navigate(url("records/self-study-queue"));
        assertThat(page.locator("#queue-grid")).containsText("参加市政协委员读书活动");
        screenshot(page, "self-study-queue-desktop");
        page.navigate(url("records/spot-checks"));
        page.locator("#spot-draw").click();
        assertThat(page.locator("#spot-items-grid")).isVisible();
        screenshot(page, "spot-check-desktop");
        page.navigate(url("records/chain"));
        page.locator("#chain-verify").click();
        assertThat(page.locator("#chain-result")).containsText("完整");
        screenshot(page, "record-chain-desktop");
    }

    @Test
    void the_administrator_sets_the_study_hour_rules() {
        Page page = desktop();
        logIn(page, "admin");
        page.navigate(url("admin/study-hours"));
        assertThat(page.locator("#hours-default-target")).isVisible();
        screenshot(page, "study-hours-desktop");
    }
}
