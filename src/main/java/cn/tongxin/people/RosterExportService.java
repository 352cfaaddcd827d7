package cn.tongxin.people;

import cn.tongxin.audit.AuditService;
import cn.tongxin.base.Translations;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The people of a list as an Excel workbook: every row the filter matches within the caller's units
 * (not just the page on screen), the identity number masked, and an audit entry saying who exported
 * what filter. The columns are the roster template's, so an export can be edited and read back.
 */
@Service
public class RosterExportService {

    public static final String XLSX_MIME = RosterImportService.XLSX_MIME;

    private final JdbcClient jdbc;
    private final AuditService audit;

    RosterExportService(JdbcClient jdbc, AuditService audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Writes the workbook to {@code out}; returns the number of people in it. */
    @PreAuthorize("hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "','" + Roles.CHECKER + "')")
    @Transactional
    public int export(PersonQuery query, Locale locale, OutputStream out) throws IOException {
        Caller caller = Callers.require();
        Map<String, Object> params = new HashMap<>();
        String where = PersonService.where(caller, query, params);
        Workbook workbook = new Workbook(out, "Tongxin", "1.0");
        Worksheet sheet = workbook.newWorksheet(Translations.get(locale, "roster.export.sheet"));
        RosterColumn[] columns = RosterColumn.values();
        for (int c = 0; c < columns.length; c++) {
            sheet.value(0, c, columns[c].header(locale));
            sheet.style(0, c).bold().fillColor("EEEEEE").set();
            sheet.width(c, columns[c] == RosterColumn.UNIT || columns[c] == RosterColumn.SECTORS ? 24 : 14);
        }
        int statusColumn = columns.length;
        sheet.value(0, statusColumn, Translations.get(locale, "roster.column.status"));
        sheet.style(0, statusColumn).bold().fillColor("EEEEEE").set();
        sheet.width(RosterColumn.ID_CARD.ordinal(), 22);
        sheet.freezePane(0, 1);
        String yes = Translations.get(locale, "people.value.yes");
        String no = Translations.get(locale, "people.value.no");
        int[] count = {0};
        jdbc.sql("""
                        select p.name, p.gender, p.ethnicity, p.birth_date, p.id_card, p.phone, p.email, u.name as unit_name,
                               pa.short_name as party_name, p.position, p.representative, p.status,
                               (select string_agg(s.name, '、' order by s.sort_order) from person_sector ps
                                  join sector s on s.id = ps.sector_id where ps.person_id = p.id) as sectors
                        from person p join unit u on u.id = p.unit_id left join party pa on pa.id = p.party_id
                        where\s""" + where + PersonService.ORDER)
                .params(params)
                .query(rs -> {
                    int r = ++count[0];
                    sheet.value(r, RosterColumn.NAME.ordinal(), rs.getString("name"));
                    sheet.value(r, RosterColumn.GENDER.ordinal(), Translations.get(locale, "person.gender." + rs.getString("gender")));
                    sheet.value(r, RosterColumn.ETHNICITY.ordinal(), rs.getString("ethnicity"));
                    var birth = rs.getDate("birth_date");
                    if (birth != null) {
                        sheet.value(r, RosterColumn.BIRTH_DATE.ordinal(), birth.toLocalDate());
                        sheet.style(r, RosterColumn.BIRTH_DATE.ordinal()).format("yyyy-mm-dd").set();
                    }
                    sheet.value(r, RosterColumn.ID_CARD.ordinal(), IdCard.mask(rs.getString("id_card")));
                    sheet.value(r, RosterColumn.PHONE.ordinal(), rs.getString("phone"));
                    sheet.value(r, RosterColumn.EMAIL.ordinal(), rs.getString("email"));
                    sheet.value(r, RosterColumn.UNIT.ordinal(), rs.getString("unit_name"));
                    sheet.value(r, RosterColumn.SECTORS.ordinal(), rs.getString("sectors"));
                    sheet.value(r, RosterColumn.PARTY.ordinal(), rs.getString("party_name"));
                    sheet.value(r, RosterColumn.POSITION.ordinal(), rs.getString("position"));
                    sheet.value(r, RosterColumn.REPRESENTATIVE.ordinal(), rs.getBoolean("representative") ? yes : no);
                    sheet.value(r, statusColumn, Translations.get(locale, "person.status." + rs.getString("status")));
                    if (r % 1000 == 0) {
                        try {
                            sheet.flush();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
        workbook.finish();
        audit.record(AuditService.EXPORT, PersonService.TARGET, null, count[0] + " people", describe(query) + "; rows=" + count[0]);
        return count[0];
    }

    /** The filter in words for the audit log: names, not ids, so the entry reads on its own. */
    private String describe(PersonQuery q) {
        List<String> parts = new ArrayList<>();
        if (q.text() != null && !q.text().isBlank()) {
            parts.add("text=" + Text.normalize(q.text()));
        }
        if (q.unitId() != null) {
            parts.add("unit=" + name("select name from unit where id = :id", q.unitId()));
        }
        if (q.sectorId() != null) {
            parts.add("sector=" + name("select name from sector where id = :id", q.sectorId()));
        }
        if (q.partyId() != null) {
            parts.add("party=" + name("select short_name from party where id = :id", q.partyId()));
        }
        if (q.representative() != null) {
            parts.add("representative=" + q.representative());
        }
        if (q.status() != null) {
            parts.add("status=" + q.status());
        }
        return parts.isEmpty() ? "filter: all in scope" : "filter: " + String.join("; ", parts);
    }

    private String name(String sql, long id) {
        return jdbc.sql(sql).param("id", id).query(String.class).optional().orElse("#" + id);
    }
}
