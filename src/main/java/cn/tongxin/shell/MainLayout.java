package cn.tongxin.shell;

import cn.tongxin.base.ui.LanguageSwitch;
import cn.tongxin.base.ui.PersonalPage;
import cn.tongxin.people.AccountService;
import cn.tongxin.security.Caller;
import cn.tongxin.security.PortalUser;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Footer;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;

import java.util.List;
import java.util.Locale;

/**
 * The frame around every signed-in view: the navigation (only what the caller's roles may open,
 * from each view's {@code @Menu}), the caller's name and unit, the language switch, sign-out.
 * On a phone the navigation folds into the drawer.
 */
@Layout
@AnonymousAllowed
class MainLayout extends AppLayout implements AfterNavigationObserver {

    private static final String REMEMBERED_LANGUAGE = "tx-remembered-language";

    private final AuthenticationContext authentication;
    private final H1 viewTitle = new H1();
    private final SideNav nav = new SideNav();

    MainLayout(AuthenticationContext authentication, AccountService accounts) {
        this.authentication = authentication;
        rememberLanguage(accounts);
        setPrimarySection(Section.DRAWER);
        DrawerToggle toggle = new DrawerToggle();
        toggle.setAriaLabel("menu");
        viewTitle.addClassName("tx-view-title");
        addToNavbar(true, toggle, viewTitle);
        addToDrawer(brand(), nav, userBox());
    }

    /**
     * Stores the language this UI speaks on the caller's account, for the mails the portal writes to them: once per
     * session and language, so a switch (which reloads the page in the other language) is stored at once.
     */
    private void rememberLanguage(AccountService accounts) {
        Locale locale = getLocale();
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null && authentication.isAuthenticated() && !locale.equals(session.getAttribute(REMEMBERED_LANGUAGE))) {
            accounts.rememberMyLanguage(locale);
            session.setAttribute(REMEMBERED_LANGUAGE, locale);
        }
    }

    private Component brand() {
        Span mark = new Span("同");
        mark.addClassName("tx-brand-mark");
        Span name = new Span();
        name.addClassName("tx-brand-name");
        name.addAttachListener(e -> name.setText(getTranslation("app.name")));
        Header header = new Header(mark, name);
        header.addClassName("tx-brand");
        return header;
    }

    private Component userBox() {
        Footer footer = new Footer();
        footer.addClassName("tx-user");
        authentication.getAuthenticatedUser(PortalUser.class).map(PortalUser::caller).ifPresent((Caller caller) -> {
            Span name = new Span(caller.displayName());
            name.addClassName("tx-user-name");
            name.setId("current-user");
            Span unit = new Span(caller.unitName());
            unit.addClassName("tx-user-unit");
            Button logout = new Button(new Icon("vaadin", "sign-out"), e -> authentication.logout());
            logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            logout.setId("logout");
            logout.addAttachListener(e -> logout.setText(getTranslation("action.logout")));
            HorizontalLayout actions = new HorizontalLayout(new LanguageSwitch(), logout);
            actions.setAlignItems(FlexComponent.Alignment.CENTER);
            footer.add(new Div(name), new Div(unit), actions);
        });
        return footer;
    }

    /**
     * The pages the caller may open, in menu order (Vaadin leaves out what their roles may not open); personal pages
     * only for an account with a person record. The side navigation and the home page's shortcuts show the same.
     */
    static List<MenuEntry> menuFor(AuthenticationContext authentication) {
        boolean hasRecord = authentication.getAuthenticatedUser(PortalUser.class)
                .map(u -> u.caller().personId() != null).orElse(false);
        return MenuConfiguration.getMenuEntries().stream()
                .filter(e -> hasRecord || e.menuClass() == null || !e.menuClass().isAnnotationPresent(PersonalPage.class))
                .toList();
    }

    /** The icon of a menu entry ("vaadin:home"), or null. */
    static Icon icon(MenuEntry entry) {
        if (entry.icon() == null || !entry.icon().contains(":")) {
            return null;
        }
        String[] icon = entry.icon().split(":");
        return new Icon(icon[0], icon[1]);
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        nav.removeAll();
        for (MenuEntry entry : menuFor(authentication)) {
            SideNavItem item = new SideNavItem(getTranslation(entry.title()), entry.path());
            Icon icon = icon(entry);
            if (icon != null) {
                item.setPrefixComponent(icon);
            }
            nav.addItem(item);
        }
        viewTitle.setText(MenuConfiguration.getPageHeader(getContent()).orElse(""));
    }
}
