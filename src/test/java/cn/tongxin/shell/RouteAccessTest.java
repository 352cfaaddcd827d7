package cn.tongxin.shell;

import cn.tongxin.ViewTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.router.RouteData;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every route of the portal: it says who may open it, and navigation holds to that for each demo
 * role (and for nobody signed in, who lands on the login page).
 */
class RouteAccessTest extends ViewTest {

    private static final List<String> DEMO_USERS = List.of("admin", "organizer", "qingzhou", "checker", "trainee", "lecturer");

    @Autowired
    UserDetailsService users;

    private List<RouteData> routes() {
        return RouteConfiguration.forApplicationScope().getAvailableRoutes().stream()
                .filter(r -> !r.getTemplate().contains(":"))
                .toList();
    }

    /** Navigates as a person would (following the access control's reroutes) and returns what is shown. */
    private Component open(RouteData route) {
        UI.getCurrent().navigate(route.getTemplate());
        return UI.getCurrent().getCurrentView();
    }

    @Test
    void every_route_declares_who_may_open_it() {
        List<String> undeclared = new ArrayList<>();
        for (RouteData route : RouteConfiguration.forApplicationScope().getAvailableRoutes()) {
            Class<?> view = route.getNavigationTarget();
            boolean declared = view.isAnnotationPresent(AnonymousAllowed.class) || view.isAnnotationPresent(PermitAll.class)
                    || view.isAnnotationPresent(RolesAllowed.class) || view.isAnnotationPresent(DenyAll.class);
            if (!declared) {
                undeclared.add(route.getTemplate());
            }
        }
        assertThat(undeclared).isEmpty();
        assertThat(routes()).extracting(RouteData::getTemplate).contains("", "login");
    }

    @Test
    void nobody_signed_in_is_sent_to_the_login_page_from_every_protected_route() {
        SecurityContextHolder.clearContext();
        cleanVaadinEnvironment();
        initVaadinEnvironment();
        for (RouteData route : routes()) {
            if (route.getNavigationTarget().isAnnotationPresent(AnonymousAllowed.class)) {
                continue;
            }
            assertThat(open(route)).as("/" + route.getTemplate()).isInstanceOf(cn.tongxin.security.ui.LoginView.class);
        }
    }

    @Test
    void each_role_opens_exactly_the_routes_meant_for_it() {
        for (String username : DEMO_USERS) {
            UserDetails user = users.loadUserByUsername(username);
            SecurityContextHolder.getContext().setAuthentication(
                    UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
            // The mocked request takes its user when the Vaadin environment starts: start it again as this user.
            cleanVaadinEnvironment();
            initVaadinEnvironment();
            Set<String> roles = Set.copyOf(user.getAuthorities().stream().map(a -> a.getAuthority().substring(5)).toList());
            for (RouteData route : routes()) {
                Class<?> view = route.getNavigationTarget();
                boolean meant = view.isAnnotationPresent(AnonymousAllowed.class) || view.isAnnotationPresent(PermitAll.class)
                        || (view.isAnnotationPresent(RolesAllowed.class)
                        && Arrays.stream(view.getAnnotation(RolesAllowed.class).value()).anyMatch(roles::contains));
                boolean opened = view.isInstance(open(route));
                assertThat(opened).as(username + " opening /" + route.getTemplate() + " got " + UI.getCurrent().getCurrentView().getClass().getSimpleName()).isEqualTo(meant);
            }
        }
    }
}
