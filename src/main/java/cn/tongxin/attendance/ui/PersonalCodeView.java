package cn.tongxin.attendance.ui;

import cn.tongxin.attendance.SignInService;
import cn.tongxin.base.DomainException;
import cn.tongxin.base.ui.QrCodes;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** The trainee's own QR of the day, to show at a kiosk scanner. */
@Route("my-code")
@PermitAll
class PersonalCodeView extends VerticalLayout implements HasDynamicTitle {

    PersonalCodeView(SignInService signIn) {
        addClassNames("tx-page", "tx-phone-page");
        setAlignItems(Alignment.CENTER);
        try {
            String code = signIn.myPersonalCode();
            Image qr = new Image(QrCodes.dataUri(code, 280), getTranslation("attendance.personal.title"));
            qr.setId("personal-qr");
            qr.addClassName("tx-qr");
            Paragraph hint = new Paragraph(getTranslation("attendance.personal.hint"));
            hint.addClassName("tx-muted");
            add(qr, hint);
        } catch (DomainException e) {
            add(new Paragraph(getTranslation(e.key())));
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("attendance.personal.title");
    }
}
