package cn.tongxin.certificate.ui;

import cn.tongxin.certificate.CertificateService;
import cn.tongxin.base.DomainException;
import cn.tongxin.certificate.Verification;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;

import java.util.Optional;

/**
 * The public check behind a certificate's QR code: valid or not, the class, the issuing unit and the date, and the
 * holder's masked name (张*) — nothing else about the person.
 */
@Route(value = "verify/:number", autoLayout = false)
@AnonymousAllowed
class VerifyView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final CertificateService certificates;

    VerifyView(CertificateService certificates) {
        this.certificates = certificates;
        addClassNames("tx-page", "tx-phone-page");
        setAlignItems(Alignment.STRETCH);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String number = event.getRouteParameters().get("number").orElse("").trim();
        removeAll();
        add(new H2(getTranslation("certificate.verify.title")));
        Optional<Verification> found;
        try {
            VaadinRequest request = VaadinRequest.getCurrent();
            found = certificates.verify(number, request == null ? null : request.getRemoteAddr());
        } catch (DomainException tooMany) {
            Span wait = new Span(getTranslation(tooMany.key()));
            wait.setId("verify-wait");
            add(wait);
            return;
        }
        Div verdict = new Div();
        verdict.setId("verify-result");
        boolean valid = found.map(Verification::valid).orElse(false);
        Span badge = new Span(valid ? VaadinIcon.CHECK_CIRCLE.create() : VaadinIcon.CLOSE_CIRCLE.create(),
                new Span(" " + getTranslation(valid ? "certificate.verify.valid" : "certificate.verify.invalid")));
        badge.getElement().getThemeList().add(valid ? "badge success" : "badge error");
        badge.getStyle().set("font-size", "var(--lumo-font-size-l)").set("padding", "var(--lumo-space-s) var(--lumo-space-m)");
        verdict.add(badge);
        add(verdict);
        if (found.isEmpty()) {
            add(line("certificate.verify.number", number.isEmpty() ? "—" : number));
            Span hint = new Span(getTranslation("certificate.verify.unknown", number));
            hint.addClassName("tx-muted");
            add(hint);
            return;
        }
        Verification v = found.get();
        add(line("certificate.verify.number", v.number()), line("certificate.verify.class", v.classTitle()),
                line("certificate.verify.unit", v.unitName()), line("certificate.verify.issued", v.issuedOn().toString()),
                line("certificate.verify.holder", v.maskedName()));
        if (!v.valid()) {
            Span hint = new Span(getTranslation("certificate.verify.revoked"));
            hint.addClassName("tx-muted");
            add(hint);
        }
    }

    private Div line(String labelKey, String value) {
        Span label = new Span(getTranslation("certificate.verify.label", getTranslation(labelKey)));
        label.addClassName("tx-muted");
        return new Div(label, new Span(value));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("certificate.verify.title");
    }
}
