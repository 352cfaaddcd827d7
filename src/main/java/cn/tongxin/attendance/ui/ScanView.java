package cn.tongxin.attendance.ui;

import cn.tongxin.base.Formats;
import cn.tongxin.attendance.ClientInfo;
import cn.tongxin.attendance.Occasion;
import cn.tongxin.attendance.ScanTicketFilter;
import cn.tongxin.attendance.SignInResult;
import cn.tongxin.attendance.SignInService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.communication.PushMode;
import com.vaadin.flow.server.VaadinSession;
import jakarta.annotation.security.PermitAll;

/**
 * What a trainee's phone opens after scanning the door QR: the class and session, and one big button.
 * (Not signed in? The login comes first, then back here; remember-me keeps the phone in for the day.)
 */
@Route(value = "s/:token", autoLayout = false)
@PermitAll
class ScanView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final SignInService signIn;
    private final Div result = new Div();
    private String token;
    private ClientInfo client;

    ScanView(SignInService signIn) {
        this.signIn = signIn;
        addClassNames("tx-page", "tx-phone-page");
        setAlignItems(Alignment.STRETCH);
        result.setId("sign-in-result");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        token = event.getRouteParameters().get("token").orElse("");
        client = Clients.current(event.getUI());
        // The answer to the tap comes with the tap: no push connection for 2,000 phones at the door.
        // Bootstrap sets the app's push mode after this on a first page load, hence just before the answer.
        event.getUI().beforeClientResponse(this, context -> context.getUI().getPushConfiguration().setPushMode(PushMode.DISABLED));
        removeAll();
        var occasion = signIn.occasionOfToken(token);
        if (occasion.isEmpty()) {
            add(new H2(getTranslation("attendance.scan.title")), outcomeBox(false, getTranslation("attendance.outcome.WRONG_CODE")));
            return;
        }
        Occasion o = occasion.get();
        Span context = new Span(o.context());
        context.addClassName("tx-muted");
        H2 title = new H2(o.title());
        title.setId("occasion-title");
        Paragraph when = new Paragraph(Formats.dateTime(o.startsAt()) + " · " + o.place());
        when.addClassName("tx-muted");
        Button tap = new Button(getTranslation("attendance.scan.tap"));
        tap.addClickListener(e -> {
            Object ticket = VaadinSession.getCurrent().getSession().getAttribute(ScanTicketFilter.sessionKey(token));
            SignInResult r = ticket instanceof String t ? signIn.signInWithTicket(t, client) : signIn.signInWithToken(token, client);
            show(r);
            // A refusal (not open yet, a stale code) may be tried again; a record may not.
            tap.setEnabled(!r.outcome().ok());
        });
        tap.setId("sign-in-button");
        tap.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        tap.addClassName("tx-big-button");
        tap.setDisableOnClick(true);
        add(context, title, when, tap, result);
    }

    private void show(SignInResult r) {
        result.removeAll();
        if (r.outcome().ok()) {
            String status = getTranslation("attendance.status." + r.status());
            String key = r.outcome() == cn.tongxin.attendance.SignInOutcome.SIGNED_IN ? "attendance.scan.done" : "attendance.scan.already";
            result.add(outcomeBox(true, getTranslation(key, Formats.time(r.at()), status)));
        } else {
            result.add(outcomeBox(false, getTranslation(r.messageKey(), r.messageArgs())));
        }
    }

    static Div outcomeBox(boolean ok, String text) {
        Div box = new Div(new Span(ok ? "✓" : "!"), new Span(text));
        box.addClassNames("tx-outcome", ok ? "tx-outcome-ok" : "tx-outcome-refused");
        return box;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("attendance.scan.title");
    }
}
