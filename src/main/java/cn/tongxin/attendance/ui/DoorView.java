package cn.tongxin.attendance.ui;

import cn.tongxin.attendance.DoorCode;
import cn.tongxin.attendance.OccasionRef;
import cn.tongxin.attendance.SignInService;
import cn.tongxin.base.ui.QrCodes;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.beans.factory.annotation.Value;

/**
 * The door screen, for a projector or a tablet: the session, a QR that changes every 10 seconds, the
 * 6-digit code that changes with it, the window's state and live counts. Polls the server every second.
 */
@Route(value = "attendance/door/:kind/:id", autoLayout = false)
@RolesAllowed({Roles.ADMIN, Roles.ORGANIZER})
class DoorView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final SignInService signIn;
    private final String baseUrl;
    private final Span context = new Span();
    private final H1 title = new H1();
    private final Image qr = new Image();
    private final Span code = new Span();
    private final Span state = new Span();
    private final Span counts = new Span();
    private OccasionRef ref;
    private String shownToken;

    DoorView(SignInService signIn, @Value("${tongxin.base-url}") String baseUrl) {
        this.signIn = signIn;
        this.baseUrl = baseUrl;
        addClassName("tx-door");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        qr.setId("door-qr");
        qr.setAlt("QR");
        code.setId("door-code-shown");
        code.addClassName("tx-door-code");
        state.setId("door-state");
        state.addClassName("tx-door-state");
        counts.setId("door-counts");
        counts.addClassName("tx-door-counts");
        context.addClassName("tx-muted");
        Span codeLabel = new Span(getTranslation("attendance.door.code"));
        codeLabel.addClassName("tx-muted");
        add(context, title, qr, new Div(codeLabel, code), state, counts);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        ref = OccasionRoute.of(event.getRouteParameters()).orElse(null);
        if (ref == null) {
            event.forwardTo(AttendanceView.class);
            return;
        }
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        attachEvent.getUI().setPollInterval(1000);
        attachEvent.getUI().addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        detachEvent.getUI().setPollInterval(-1);
    }

    private void refresh() {
        DoorCode door = signIn.doorCode(ref);
        context.setText(door.occasion().context() + " · " + door.occasion().place());
        title.setText(door.occasion().title());
        boolean live = door.token() != null;
        qr.setVisible(live);
        code.getParent().ifPresent(box -> box.setVisible(live));
        if (live && !door.token().equals(shownToken)) {
            shownToken = door.token();
            qr.setSrc(QrCodes.dataUri(baseUrl + "/s/" + door.token(), 360));
            code.setText(door.code());
        } else if (!live) {
            shownToken = null;
            code.setText("");
        }
        state.setText(getTranslation("attendance.window." + door.state()));
        state.getElement().setAttribute("data-state", door.state().name());
        counts.setText(getTranslation("attendance.door.counts", door.signedIn(), door.expected()));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("attendance.door.title");
    }
}
