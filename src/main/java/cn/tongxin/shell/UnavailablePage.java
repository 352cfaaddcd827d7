package cn.tongxin.shell;

import cn.tongxin.base.DomainException;
import cn.tongxin.base.ui.EmptyState;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;

/**
 * What a person sees when a link names something that does not exist or lies outside their unit scope: one
 * friendly page with HTTP 404, whatever the reason. Never the exception's text or a stack trace, and the same
 * answer for "not there" and "not yours", so that ids of other units cannot be probed.
 * Every route that takes an id gets this from the router when its service refuses, without a line of its own.
 * (Vaadin reads each error view's exception type from its own {@code implements} clause, hence three small classes.)
 */
class UnavailablePage extends VerticalLayout implements HasDynamicTitle {

    UnavailablePage() {
        addClassName("tx-page");
        setId("unavailable");
    }

    int show() {
        removeAll();
        Button home = new Button(getTranslation("unavailable.home"), VaadinIcon.HOME.create(),
                e -> getUI().ifPresent(ui -> ui.navigate(HomeView.class)));
        add(new EmptyState("unavailable.title", "unavailable.hint", home));
        return HttpServletResponse.SC_NOT_FOUND;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("unavailable.title");
    }

    /** A service refused: the thing is outside the caller's scope. */
    @ParentLayout(MainLayout.class)
    @AnonymousAllowed
    static class NotYours extends UnavailablePage implements HasErrorParameter<AccessDeniedException> {
        @Override
        public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
            return show();
        }
    }

    /** A service found nothing by that id (or another rule said no while the page was being opened). */
    @ParentLayout(MainLayout.class)
    @AnonymousAllowed
    static class NotThere extends UnavailablePage implements HasErrorParameter<DomainException> {
        @Override
        public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<DomainException> parameter) {
            return show();
        }
    }

    /** No route by that address at all. */
    @ParentLayout(MainLayout.class)
    @AnonymousAllowed
    static class NoSuchPage extends UnavailablePage implements HasErrorParameter<NotFoundException> {
        @Override
        public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
            return show();
        }
    }
}
