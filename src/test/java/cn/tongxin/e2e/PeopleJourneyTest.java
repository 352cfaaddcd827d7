package cn.tongxin.e2e;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** An organizer at work on the people list, on an office PC and on a phone. */
class PeopleJourneyTest extends BrowserTest {

    @Test
    void a_city_organizer_sees_only_their_city_in_the_people_list_on_a_desktop_and_exports_it() throws Exception {
        Page page = desktop();
        logIn(page, "qingzhou");
        page.navigate(url("people"));
        var rows = page.locator("#people-grid vaadin-grid-cell-content");
        assertThat(page.locator("#people-count")).containsText("人");
        assertThat(page.locator("#people-grid")).containsText("青州");
        assertThat(page.locator("#people-grid")).not().containsText("云州");
        screenshot(page, "people-desktop");

        Download download = page.waitForDownload(() -> page.locator("#people-export vaadin-button").click());
        assertThat(download.suggestedFilename()).endsWith(".xlsx");
        assertThat(Files.size(download.path())).isGreaterThan(1000);
        assertThat(rows.count()).isGreaterThan(0);
    }

    @Test
    void the_people_list_works_on_a_phone() {
        Page page = phone();
        logIn(page, "organizer");
        page.navigate(url("people"));
        assertThat(page.locator("#people-grid")).isVisible();
        assertThat(page.locator("#people-grid")).containsText("统战部");
        screenshot(page, "people-phone");
    }
}
