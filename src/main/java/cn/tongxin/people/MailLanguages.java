package cn.tongxin.people;

import cn.tongxin.base.Translations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The language to write a person's mails in: the one their account reads the portal in (remembered by
 * {@link AccountService#rememberMyLanguage}), Chinese for people without an account. For the features that mail
 * people (leave decisions, sign-in reminders, class invitations); it tells nothing else about the person.
 */
@Component
public class MailLanguages {

    private final JdbcClient jdbc;

    MailLanguages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Locale of(long personId) {
        return of(List.of(personId)).get(personId);
    }

    /** Every given person's mail language, a query per thousand people (a class's invitations go out at once). */
    public Map<Long, Locale> of(Collection<Long> personIds) {
        Map<Long, Locale> languages = new HashMap<>();
        personIds.forEach(id -> languages.put(id, Translations.CHINESE));
        List<Long> ids = List.copyOf(languages.keySet());
        for (int from = 0; from < ids.size(); from += 1000) {
            jdbc.sql("select person_id, language from account where person_id in (:ids)")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 1000)))
                    .query((rs, n) -> languages.put(rs.getLong(1), Translations.supported(rs.getString(2)))).list();
        }
        return languages;
    }
}
