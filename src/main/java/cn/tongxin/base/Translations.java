package cn.tongxin.base;

import com.vaadin.flow.i18n.I18NProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Every user-facing string. Each feature keeps its own pair of files in {@code vaadin-i18n/}:
 * {@code <feature>.properties} (简体中文, the default) and {@code <feature>_en.properties} (English);
 * they are merged here. Views use {@code getTranslation}; services that write text for people
 * (mails, documents) call {@link #get(Locale, String, Object...)}.
 */
@Component
public class Translations implements I18NProvider {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final List<Locale> LOCALES = List.of(CHINESE, ENGLISH);

    private static volatile Map<Locale, Map<String, String>> messages;

    @Override
    public List<Locale> getProvidedLocales() {
        return LOCALES;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        return get(locale, key, params);
    }

    public static String get(Locale locale, String key, Object... params) {
        Locale supported = supported(locale);
        String pattern = messages().get(supported).get(key);
        if (pattern == null) {
            return "!" + key;
        }
        return params.length == 0 ? pattern : new MessageFormat(pattern, supported).format(params);
    }

    /** All keys of one language, merged from every feature's file (the completeness test reads this). */
    public static Map<String, String> all(Locale locale) {
        return messages().get(supported(locale));
    }

    /** Maps any locale to one of ours: English when asked for, Chinese otherwise. */
    public static Locale supported(Locale locale) {
        return locale != null && ENGLISH.getLanguage().equals(locale.getLanguage()) ? ENGLISH : CHINESE;
    }

    /** The same from a stored language tag (an account's {@code language}); Chinese when there is none. */
    public static Locale supported(String languageTag) {
        return languageTag == null ? CHINESE : supported(Locale.forLanguageTag(languageTag));
    }

    private static Map<Locale, Map<String, String>> messages() {
        if (messages == null) {
            synchronized (Translations.class) {
                if (messages == null) {
                    messages = load();
                }
            }
        }
        return messages;
    }

    private static Map<Locale, Map<String, String>> load() {
        Map<String, String> chinese = new HashMap<>();
        Map<String, String> english = new HashMap<>();
        try {
            for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath*:vaadin-i18n/*.properties")) {
                String name = file.getFilename();
                Properties p = new Properties();
                try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
                    p.load(reader);
                }
                Map<String, String> target = name != null && name.endsWith("_en.properties") ? english : chinese;
                p.forEach((k, v) -> target.put((String) k, (String) v));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(CHINESE, Map.copyOf(chinese), ENGLISH, Map.copyOf(english));
    }
}
