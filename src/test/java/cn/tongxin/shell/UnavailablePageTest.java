package cn.tongxin.shell;

import cn.tongxin.Application;
import cn.tongxin.TestUsers;
import cn.tongxin.ViewTest;
import cn.tongxin.rotation.Fixtures;
import cn.tongxin.rotation.RotationService;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route that takes an id answers a link to another unit's class, door, board or kiosk, and a link to
 * nothing at all, with the same friendly page, and never with the exception.
 */
class UnavailablePageTest extends ViewTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    RotationService rotation;
    @Autowired
    TestUsers users;

    long provinceClass;
    long provinceSession;

    @BeforeEach
    void aClassOfTheProvince() {
        users.signIn("organizer");
        provinceClass = fixtures.classWithSessions("省级班", "江川省委统战部", LocalDate.now(Application.ZONE).plusDays(3), 1, 20,
                Set.of());
        provinceSession = rotation.sessions(provinceClass).getFirst().id();
        SecurityContextHolder.clearContext();
    }

    private void openAs(String username) {
        users.signIn(username);
        // The mocked request takes its user when the Vaadin environment starts: start it again as this user.
        cleanVaadinEnvironment();
        initVaadinEnvironment();
    }

    private List<String> linksWithIds(long session, long cls) {
        return List.of("attendance/door/SESSION/" + session, "attendance/board/SESSION/" + session,
                "attendance/kiosk/SESSION/" + session, "rotation/class/" + cls);
    }

    @Test
    void a_city_organizer_following_links_to_the_provinces_class_gets_the_friendly_page() {
        openAs("qingzhou");
        for (String link : linksWithIds(provinceSession, provinceClass)) {
            UI.getCurrent().navigate(link);
            assertThat(UI.getCurrent().getCurrentView()).as(link).isInstanceOf(UnavailablePage.NotYours.class);
            assertThat(UI.getCurrent().getCurrentView().getElement().getTextRecursively()).as(link)
                    .contains("没有找到，或不在您的查看范围内").doesNotContain("Exception").doesNotContain("scope");
        }
    }

    @Test
    void links_to_ids_that_do_not_exist_get_the_same_page_as_links_to_other_units() {
        openAs("organizer");
        for (String link : linksWithIds(987_654_321L, 987_654_321L)) {
            UI.getCurrent().navigate(link);
            assertThat(UI.getCurrent().getCurrentView()).as(link).isInstanceOf(UnavailablePage.class);
            assertThat(UI.getCurrent().getCurrentView().getElement().getTextRecursively()).as(link)
                    .contains("没有找到，或不在您的查看范围内");
        }
    }

    @Test
    void the_province_organizer_opens_the_same_links() {
        openAs("organizer");
        for (String link : linksWithIds(provinceSession, provinceClass)) {
            UI.getCurrent().navigate(link);
            assertThat(UI.getCurrent().getCurrentView()).as(link).isNotInstanceOf(UnavailablePage.class);
        }
    }
}
