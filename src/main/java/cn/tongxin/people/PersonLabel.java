package cn.tongxin.people;

import cn.tongxin.base.Translations;

import java.io.Serializable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a person is named wherever one is picked or listed, so that two people of the same name can be told
 * apart: "张伟（1975 年生 · 身份证尾号 1234 · 青州市政协委员）". The one formatter for every picker and roster.
 * It holds only the last four characters of the identity number, never the number itself.
 */
public record PersonLabel(String name, Integer birthYear, String idTail, String position) implements Serializable {

    /**
     * What a query over {@code person p} selects for {@link #read}: the tail of the number, not the number.
     * With a space at either end, to go between any two parts of a select list.
     */
    public static final String COLUMNS = " p.name as label_name, extract(year from p.birth_date)::int as label_birth_year,"
                                         + " right(p.id_card, 4) as label_id_tail, p.position as label_position ";

    /** Reads the columns of {@link #COLUMNS}. */
    public static PersonLabel read(ResultSet rs) throws SQLException {
        return new PersonLabel(rs.getString("label_name"), rs.getObject("label_birth_year", Integer.class),
                rs.getString("label_id_tail"), rs.getString("label_position"));
    }

    /** "张伟（1975 年生 · 身份证尾号 1234 · 青州市政协委员）", or the name alone when nothing else is known. */
    public String text(Locale locale) {
        String details = details(locale);
        return details.isEmpty() ? name : Translations.get(locale, "person.label", name, details);
    }

    /** The label and the unit, for pickers that show no unit column: "张伟（1975 年生 · …） · 青州市委统战部". */
    public String text(Locale locale, String unitName) {
        return unitName == null ? text(locale) : Translations.get(locale, "person.label.in-unit", text(locale), unitName);
    }

    /** "1975 年生 · 身份证尾号 1234 · 青州市政协委员": what tells this person apart, the parts known. */
    public String details(Locale locale) {
        List<String> parts = new ArrayList<>(3);
        if (birthYear != null) {
            // As text: MessageFormat would write the year 1975 as "1,975".
            parts.add(Translations.get(locale, "person.label.born", String.valueOf(birthYear)));
        }
        if (idTail != null && !idTail.isBlank()) {
            parts.add(Translations.get(locale, "person.label.id-tail", idTail));
        }
        if (position != null && !position.isBlank()) {
            parts.add(position);
        }
        return String.join(Translations.get(locale, "person.label.separator"), parts);
    }
}
