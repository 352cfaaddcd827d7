package cn.tongxin.people;

import cn.tongxin.base.Translations;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a roster import did: people added, registered people updated or left as they were (by the organizer's
 * choice), and rows left out (bad, or their unit not mapped).
 */
public record RosterImportResult(int imported, int updated, int unchanged, int skipped) implements Serializable {

    /** "导入完成：已新增 2 人，跳过 2 行有问题的记录。" */
    public String message(Locale locale) {
        return Translations.get(locale, MESSAGE_KEY, summary(locale));
    }

    /** The translation key of {@link #message} that takes {@link #summary} as its argument. */
    public static final String MESSAGE_KEY = "roster.result";

    /** "已新增 2 人，跳过 2 行有问题的记录": naming only what happened (what was added, even none, always). */
    public String summary(Locale locale) {
        List<String> parts = new ArrayList<>();
        parts.add(Translations.get(locale, "roster.result.imported", imported));
        if (updated > 0) {
            parts.add(Translations.get(locale, "roster.result.updated", updated));
        }
        if (unchanged > 0) {
            parts.add(Translations.get(locale, "roster.result.unchanged", unchanged));
        }
        if (skipped > 0) {
            parts.add(Translations.get(locale, "roster.result.skipped", skipped));
        }
        return String.join(Translations.get(locale, "roster.result.separator"), parts);
    }
}
