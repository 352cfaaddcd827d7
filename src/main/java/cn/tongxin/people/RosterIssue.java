package cn.tongxin.people;

import cn.tongxin.base.Translations;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * One thing wrong with a roster row: the column (a translation key of its header, null for the whole row)
 * and the reason (a translation key with its arguments), so each reader gets it in words of their language.
 */
public record RosterIssue(String columnKey, String key, List<String> args) implements Serializable {

    public RosterIssue {
        args = List.copyOf(args);
    }

    /** "身份证号：身份证号码不正确（校验位不符或日期无效）。" */
    public String message(Locale locale) {
        String reason = Translations.get(locale, key, args.toArray());
        return columnKey == null ? reason : Translations.get(locale, "roster.issue", Translations.get(locale, columnKey), reason);
    }
}
