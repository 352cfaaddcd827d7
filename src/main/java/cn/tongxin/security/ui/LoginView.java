package cn.tongxin.security.ui;

import cn.tongxin.base.ui.LanguageSwitch;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * The sign-in page, in Chinese unless English was chosen. A refused sign-in gets one answer whatever the reason
 * (unknown name, wrong password, too many tries), so that it never tells which accounts exist; only a right
 * password on a disabled account, and a page left open too long, are told apart.
 */
@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm form = new LoginForm();

    public LoginView() {
        addClassName("tx-login");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        H1 title = new H1(getTranslation("app.name"));
        title.addClassName("tx-login-title");
        Paragraph subtitle = new Paragraph(getTranslation("app.tagline"));
        subtitle.addClassName("tx-login-subtitle");
        Div card = new Div(title, subtitle, form, new LanguageSwitch());
        card.addClassName("tx-login-card");
        add(card);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle(getTranslation("login.title"));
        i18n.getForm().setUsername(getTranslation("login.username"));
        i18n.getForm().setPassword(getTranslation("login.password"));
        i18n.getForm().setSubmit(getTranslation("login.submit"));
        QueryParameters params = event.getLocation().getQueryParameters();
        var error = params.getSingleParameter("error");
        if (error.isPresent()) {
            String message = switch (error.get()) {
                case "disabled" -> getTranslation("login.error.disabled");
                case "expired" -> getTranslation("login.error.expired");
                default -> getTranslation("login.error.bad");
            };
            i18n.getErrorMessage().setTitle(getTranslation("login.error.title"));
            i18n.getErrorMessage().setMessage(message);
            form.setI18n(i18n);
            form.setError(true);
        } else {
            form.setI18n(i18n);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title") + " · " + getTranslation("app.name");
    }
}
