package cn.tongxin.people.ui;

import cn.tongxin.base.DomainException;
import cn.tongxin.people.AccountService;
import cn.tongxin.security.PasswordPolicy;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

/**
 * The caller sets a password of their own. Someone on a password the portal issued is sent here before anything
 * else ({@link PasswordChangeGate}). Afterwards every remembered login of the account has ended, this one's too;
 * the page offers to sign in again with the new password, which remembers this device anew.
 */
@Route("password")
@Menu(title = "nav.password", order = 95, icon = "vaadin:password")
@PermitAll
class ChangePasswordView extends VerticalLayout implements HasDynamicTitle {

    private final PasswordField current = new PasswordField();
    private final PasswordField next = new PasswordField();
    private final PasswordField repeat = new PasswordField();
    private final VerticalLayout form = new VerticalLayout();

    ChangePasswordView(AccountService accounts, AuthenticationContext authentication) {
        addClassName("tx-page");
        addClassName("tx-password-page");
        setMaxWidth("28rem");
        boolean oneTime = accounts.mustChangeMyPassword();
        if (oneTime) {
            Paragraph why = new Paragraph(getTranslation("password.one-time"));
            why.setId("password-one-time");
            why.addClassName("tx-password-why");
            add(why);
        }
        current.setLabel(getTranslation(oneTime ? "password.current-one-time" : "password.current"));
        current.setId("password-current");
        next.setLabel(getTranslation("password.new"));
        next.setId("password-new");
        next.setHelperText(getTranslation("password.rule", PasswordPolicy.MIN));
        next.setMaxLength(PasswordPolicy.MAX);
        repeat.setLabel(getTranslation("password.repeat"));
        repeat.setId("password-repeat");
        for (PasswordField field : new PasswordField[] {current, next, repeat}) {
            field.setWidthFull();
            field.setRequired(true);
            field.addValueChangeListener(e -> field.setInvalid(false));
        }
        current.getElement().setAttribute("autocomplete", "current-password");
        next.getElement().setAttribute("autocomplete", "new-password");
        repeat.getElement().setAttribute("autocomplete", "new-password");
        Button save = new Button(getTranslation("password.save"), e -> save(accounts, authentication));
        save.setId("password-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(com.vaadin.flow.component.Key.ENTER);
        form.add(current, next, repeat, save);
        form.setPadding(false);
        add(form);
    }

    private void save(AccountService accounts, AuthenticationContext authentication) {
        if (!next.getValue().equals(repeat.getValue())) {
            invalid(repeat, "password.repeat-differs");
            return;
        }
        try {
            accounts.changeOwnPassword(current.getValue(), next.getValue());
        } catch (DomainException e) {
            invalid("account.error.wrong-password".equals(e.key()) ? current : next, e.key(), e.args());
            return;
        }
        Paragraph done = new Paragraph(getTranslation("password.changed"));
        done.setId("password-changed");
        // The remembered logins are gone, this device's too: signing in again gives it a new one.
        Button again = new Button(getTranslation("password.sign-in-again"), e -> authentication.logout());
        again.setId("password-sign-in-again");
        again.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        removeAll();
        add(done, again);
    }

    private void invalid(PasswordField field, String key, Object... args) {
        field.setErrorMessage(getTranslation(key, args));
        field.setInvalid(true);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.password");
    }
}
