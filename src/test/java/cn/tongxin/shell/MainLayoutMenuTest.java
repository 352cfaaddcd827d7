package cn.tongxin.shell;

import cn.tongxin.ViewTest;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithUserDetails;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The menu offers the pages about one's own study only to accounts that are a person. */
class MainLayoutMenuTest extends ViewTest {

    private static final List<String> PERSONAL = List.of("sign-in", "leave", "my/classes", "my-record");

    @Test
    @WithUserDetails("organizer")
    void an_office_account_without_a_person_record_sees_no_personal_pages() {
        navigate(HomeView.class);
        assertThat(menuPaths()).doesNotContainAnyElementsOf(PERSONAL).contains("rotation/classes");
    }

    @Test
    @WithUserDetails("trainee")
    void a_trainee_sees_their_personal_pages() {
        navigate(HomeView.class);
        assertThat(menuPaths()).containsAll(PERSONAL);
    }

    private List<String> menuPaths() {
        return $(SideNav.class).single().getItems().stream().map(SideNavItem::getPath).toList();
    }
}
