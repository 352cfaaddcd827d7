package cn.tongxin.people.ui;

import cn.tongxin.people.AccountService;
import cn.tongxin.security.Callers;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import org.springframework.stereotype.Component;

/**
 * Someone signed in with a password the portal issued (a one-time password from bulk creation or a reset) sees
 * nothing but {@link ChangePasswordView} until they have set their own; signing out stays possible (it is not a
 * navigation). The views enforce it, the services do not: the person has proved they hold the account's password,
 * and the one thing that must not last, the issued password, is what they are made to replace.
 */
@Component
class PasswordChangeGate implements VaadinServiceInitListener {

    /** The account this session knows to have a password of its own: the check costs one query per session. */
    private static final String OWN_PASSWORD = "tx-own-password-account";

    private final AccountService accounts;

    PasswordChangeGate(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(e -> e.getUI().addBeforeEnterListener(this::beforeEnter));
    }

    private void beforeEnter(BeforeEnterEvent event) {
        VaadinSession session = VaadinSession.getCurrent();
        var caller = Callers.current();
        if (event.getNavigationTarget() == ChangePasswordView.class || session == null || caller.isEmpty()
                || Long.valueOf(caller.get().accountId()).equals(session.getAttribute(OWN_PASSWORD))) {
            return;
        }
        if (accounts.mustChangeMyPassword()) {
            event.forwardTo(ChangePasswordView.class);
        } else {
            session.setAttribute(OWN_PASSWORD, caller.get().accountId());
        }
    }
}
