package cn.tongxin.attendance.ui;

import cn.tongxin.base.Formats;
import cn.tongxin.attendance.ClientInfo;
import cn.tongxin.attendance.OccasionRef;
import cn.tongxin.attendance.SignInOutcome;
import cn.tongxin.attendance.SignInResult;
import cn.tongxin.attendance.SignInService;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/**
 * Kiosk mode: a USB barcode scanner types a trainee's personal code and presses Enter; each scan answers
 * at once with the name and the result, a duplicate with the time of the first.
 */
@Route("attendance/kiosk/:kind/:id")
@RolesAllowed({Roles.ADMIN, Roles.ORGANIZER})
class KioskView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final SignInService signIn;
    private final TextField scan = new TextField();
    private final Div log = new Div();
    private final H2 title = new H2();
    private OccasionRef ref;

    KioskView(SignInService signIn) {
        this.signIn = signIn;
        addClassName("tx-page");
        scan.setId("kiosk-input");
        scan.setLabel(getTranslation("attendance.kiosk.label"));
        scan.setWidthFull();
        scan.setAutofocus(true);
        scan.addKeyPressListener(Key.ENTER, e -> take());
        log.setId("kiosk-log");
        log.addClassName("tx-kiosk-log");
        add(title, scan, log);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        ref = OccasionRoute.of(event.getRouteParameters()).orElse(null);
        if (ref == null) {
            event.forwardTo(AttendanceView.class);
            return;
        }
        title.setText(signIn.doorCode(ref).occasion().title());
    }

    private void take() {
        String code = scan.getValue();
        scan.clear();
        scan.focus();
        if (code.isBlank()) {
            return;
        }
        SignInResult r = signIn.kioskSignIn(ref, code, ClientInfo.none());
        String text = switch (r.outcome()) {
            case SIGNED_IN -> getTranslation("attendance.kiosk.signed", r.personName(), Formats.time(r.at()),
                    getTranslation("attendance.status." + r.status()));
            case ALREADY_SIGNED_IN -> getTranslation("attendance.kiosk.already", r.personName(), Formats.time(r.at()));
            default -> getTranslation(r.outcome().messageKey());
        };
        Div line = ScanView.outcomeBox(r.outcome() == SignInOutcome.SIGNED_IN, text);
        log.getElement().insertChild(0, line.getElement());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("attendance.kiosk.title");
    }
}
