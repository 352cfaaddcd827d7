package cn.tongxin.notification;

import cn.tongxin.base.Translations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * The texts of all the portal's mails, from the translation files: template {@code x} is the pair of keys
 * {@code x.subject} and {@code x.body} (MessageFormat; subject and body get the same arguments {0}, {1} …), and
 * every body ends with {@code mail.footer}, which names the portal and its address. The features choose the
 * recipient's language (see {@code people.MailLanguages}).
 */
@Component
public class MailTemplates {

    public static final String ACCOUNT_CREATED = "mail.account-created";
    public static final String PASSWORD_RESET = "mail.password-reset";
    public static final String TEST = "mail.test";

    private final String baseUrl;

    MailTemplates(@Value("${tongxin.base-url:http://localhost:8080}") String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A subject and a body, ready for {@link OutgoingMail}. */
    public record Text(String subject, String body) {
    }

    public Text render(Locale locale, String template, Object... args) {
        return new Text(text(locale, template + ".subject", args),
                text(locale, template + ".body", args) + "\n\n" + text(locale, "mail.footer", baseUrl));
    }

    /** A mail from a template, without attachment. */
    public OutgoingMail compose(String to, Locale locale, String template, Object... args) {
        return compose(to, locale, template, null, args);
    }

    public OutgoingMail compose(String to, Locale locale, String template, OutgoingMail.Attachment attachment,
                                Object... args) {
        Text text = render(locale, template, args);
        return new OutgoingMail(to, text.subject(), text.body(), attachment);
    }

    /** The portal's public address, for links in mails. */
    public String baseUrl() {
        return baseUrl;
    }

    private static String text(Locale locale, String key, Object... args) {
        if (!Translations.all(locale).containsKey(key)) {
            throw new IllegalArgumentException("no mail text " + key);
        }
        // Always through MessageFormat, so that '' means one apostrophe whether or not there are arguments.
        return Translations.get(locale, key, args.length == 0 ? new Object[]{""} : args);
    }
}
