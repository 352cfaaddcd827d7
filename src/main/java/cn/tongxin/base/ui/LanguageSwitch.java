package cn.tongxin.base.ui;

import cn.tongxin.base.Translations;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;

import java.util.Locale;

/** A button that switches between 中文 and English, remembered in a cookie for the next visit. */
public class LanguageSwitch extends Button {

    public LanguageSwitch() {
        addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        addAttachListener(e -> setText(getTranslation("language.switch")));
        addClickListener(e -> {
            Locale next = Translations.ENGLISH.equals(Translations.supported(getLocale())) ? Translations.CHINESE : Translations.ENGLISH;
            UI ui = UI.getCurrent();
            ui.getPage().executeJs("document.cookie = 'tx-lang=' + $0 + '; path=/; max-age=31536000; samesite=lax'; location.reload();",
                    next.toLanguageTag());
        });
        setId("language-switch");
    }
}
