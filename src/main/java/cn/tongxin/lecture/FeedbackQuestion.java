package cn.tongxin.lecture;

import java.io.Serializable;
import java.util.Locale;

/** A question asked after every lecture (reference data), in both languages. */
public record FeedbackQuestion(long id, int position, String textZh, String textEn) implements Serializable {

    public String text(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? textEn : textZh;
    }
}
