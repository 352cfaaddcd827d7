package cn.tongxin.attendance.ui;

import cn.tongxin.base.Formats;
import cn.tongxin.attendance.SignInResult;
import cn.tongxin.attendance.SignInService;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldVariant;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;

/** For those who cannot scan: type the 6-digit code shown at the door. */
@Route("sign-in")
@cn.tongxin.base.ui.PersonalPage
@Menu(title = "nav.sign-in", order = 1, icon = "vaadin:qrcode")
@PermitAll
class SignInCodeView extends VerticalLayout implements HasDynamicTitle {

    SignInCodeView(SignInService signIn) {
        addClassNames("tx-page", "tx-phone-page");
        setAlignItems(Alignment.STRETCH);
        TextField code = new TextField(getTranslation("attendance.code.label"));
        code.setId("door-code");
        code.setMaxLength(6);
        code.setAllowedCharPattern("[0-9]");
        code.setPlaceholder("000000");
        code.addThemeVariants(TextFieldVariant.LUMO_ALIGN_CENTER);
        code.getElement().setAttribute("inputmode", "numeric");
        code.addClassName("tx-code-field");
        Div result = new Div();
        result.setId("sign-in-result");
        Button submit = new Button(getTranslation("attendance.scan.tap"), e -> {
            SignInResult r = signIn.signInWithCode(code.getValue(), Clients.current(getUI().orElseThrow()));
            result.removeAll();
            if (r.outcome().ok()) {
                result.add(ScanView.outcomeBox(true, r.occasion().title() + " · " + getTranslation(
                        r.outcome() == cn.tongxin.attendance.SignInOutcome.SIGNED_IN ? "attendance.scan.done" : "attendance.scan.already",
                        Formats.time(r.at()), getTranslation("attendance.status." + r.status()))));
            } else {
                result.add(ScanView.outcomeBox(false, getTranslation(r.messageKey(), r.messageArgs())));
            }
        });
        submit.setId("submit-code");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        submit.addClassName("tx-big-button");
        submit.addClickShortcut(Key.ENTER);
        Paragraph hint = new Paragraph(getTranslation("attendance.code.hint"));
        hint.addClassName("tx-muted");
        add(hint, code, submit, result, new RouterLink(getTranslation("attendance.personal.link"), PersonalCodeView.class));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.sign-in");
    }
}
