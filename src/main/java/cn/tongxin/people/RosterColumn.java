package cn.tongxin.people;

import cn.tongxin.base.Translations;

import java.util.Locale;

/**
 * The columns of a roster workbook, in template order. The template and the export write the headers
 * in Chinese (or the reader's language for the export); the import finds columns by header in either
 * language, so a re-ordered or exported-and-edited file still reads.
 */
enum RosterColumn {
    NAME("roster.column.name", PersonRules.NAME, true),
    GENDER("roster.column.gender", PersonRules.GENDER, false),
    ETHNICITY("roster.column.ethnicity", PersonRules.ETHNICITY, false),
    BIRTH_DATE("roster.column.birth-date", PersonRules.BIRTH_DATE, false),
    ID_CARD("roster.column.id-card", PersonRules.ID_CARD, false),
    PHONE("roster.column.phone", PersonRules.PHONE, false),
    EMAIL("roster.column.email", PersonRules.EMAIL, false),
    UNIT("roster.column.unit", PersonRules.UNIT, true),
    SECTORS("roster.column.sectors", PersonRules.SECTORS, true),
    PARTY("roster.column.party", "party", false),
    POSITION("roster.column.position", PersonRules.POSITION, false),
    REPRESENTATIVE("roster.column.representative", "representative", false);

    /** Translation key of the header. */
    final String key;
    /** The {@link PersonRules} field this column feeds. */
    final String field;
    /** The import refuses a file without this column. */
    final boolean required;

    RosterColumn(String key, String field, boolean required) {
        this.key = key;
        this.field = field;
        this.required = required;
    }

    String header(Locale locale) {
        return Translations.get(locale, key);
    }

    static RosterColumn forField(String field) {
        for (RosterColumn c : values()) {
            if (c.field.equals(field)) {
                return c;
            }
        }
        return null;
    }

    /** Whether a header cell names this column: '姓名', '*姓名', '代表人士（是/否）', 'Name' all do. */
    boolean matches(String headerCell) {
        String h = simplify(headerCell);
        return !h.isEmpty() && (h.equals(simplify(header(Translations.CHINESE))) || h.equals(simplify(header(Translations.ENGLISH))));
    }

    private static String simplify(String s) {
        String t = Text.normalize(s == null ? "" : s);
        t = t.replaceAll("\\(.*\\)", "").replace("*", "").replace(" ", "");
        return t.toLowerCase(Locale.ROOT);
    }
}
