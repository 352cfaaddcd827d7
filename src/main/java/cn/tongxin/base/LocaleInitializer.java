package cn.tongxin.base;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServiceInitListener;
import jakarta.servlet.http.Cookie;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.Locale;

/**
 * Chinese by default, English on request: the choice is a cookie set by the language switch,
 * read when each UI starts, whatever the browser's own language.
 */
@Component
class LocaleInitializer implements VaadinServiceInitListener {

    static final String COOKIE = "tx-lang";

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().setLocale(chosenLocale(VaadinRequest.getCurrent())));
    }

    static Locale chosenLocale(VaadinRequest request) {
        return chosenLocale(request == null ? null : request.getCookies());
    }

    static Locale chosenLocale(Cookie[] cookies) {
        if (cookies == null) {
            return Translations.CHINESE;
        }
        return Arrays.stream(cookies)
                .filter(c -> COOKIE.equals(c.getName()))
                .map(Cookie::getValue)
                .map(Locale::forLanguageTag)
                .map(Translations::supported)
                .findFirst().orElse(Translations.CHINESE);
    }
}
