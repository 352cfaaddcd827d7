package cn.tongxin;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.util.ClassUtils;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The administrator's screens: only administrators open them or see them in the menu. */
class AdministrationAccessTest extends ViewTest {

    /** Route → the view class's simple name. */
    static final Map<String, String> ROUTES = Map.of(
            "admin/accounts", "AccountsView",
            "admin/units", "UnitsView",
            "admin/reference", "ReferenceDataView",
            "admin/audit", "AuditView",
            "admin/mail", "MailView");

    @Test
    @WithUserDetails("admin")
    void an_administrator_opens_every_admin_screen_and_sees_it_in_the_menu() {
        ROUTES.forEach((route, view) -> {
            UI.getCurrent().navigate(route);
            assertThat(ClassUtils.getUserClass(getCurrentView().getClass()).getSimpleName()).as(route).isEqualTo(view);
        });
        assertThat(menuPaths()).containsAll(ROUTES.keySet());
    }

    @Test
    @WithUserDetails("organizer")
    void an_organizer_can_neither_open_nor_see_the_admin_screens() {
        assertNotOpenable();
        assertThat(menuPaths()).isNotEmpty().doesNotContainAnyElementsOf(ROUTES.keySet());
    }

    @Test
    @WithUserDetails("trainee")
    void a_trainee_can_neither_open_nor_see_the_admin_screens() {
        assertNotOpenable();
        assertThat(menuPaths()).isNotEmpty().doesNotContainAnyElementsOf(ROUTES.keySet());
    }

    @Test
    void a_visitor_who_is_not_signed_in_is_sent_to_the_login_page() {
        for (String route : ROUTES.keySet()) {
            UI.getCurrent().navigate(route);
            assertThat(ClassUtils.getUserClass(getCurrentView().getClass()).getSimpleName()).as(route).isEqualTo("LoginView");
        }
    }

    private void assertNotOpenable() {
        ROUTES.forEach((route, view) -> {
            UI.getCurrent().navigate(route);
            // The access control answers as if the page did not exist: the portal's one "not found" page.
            assertThat(ClassUtils.getUserClass(getCurrentView().getClass()).getName()).as(route)
                    .isEqualTo("cn.tongxin.shell.UnavailablePage$NoSuchPage");
        });
    }

    private List<String> menuPaths() {
        UI.getCurrent().navigate("");
        return $(SideNav.class).single().getItems().stream().map(SideNavItem::getPath).toList();
    }
}
