package cn.tongxin.record;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A study_record row as stored, and its canonical text: what the log entry of each change carries and hashes. */
record StoredRecord(long id, long personId, String kind, String sourceKind, long sourceId, int year, Instant occurredAt,
                    String title, String context, BigDecimal hours, String status, boolean counts, long unitId, int version) {

    static final String COLUMNS = "id, person_id, kind, source_kind, source_id, year, occurred_at, title, context, hours,"
                                  + " status, counts, unit_id, version";

    static StoredRecord of(ResultSet rs) throws SQLException {
        return new StoredRecord(rs.getLong("id"), rs.getLong("person_id"), rs.getString("kind"), rs.getString("source_kind"),
                rs.getLong("source_id"), rs.getInt("year"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("title"),
                rs.getString("context"), rs.getBigDecimal("hours"), rs.getString("status"), rs.getBoolean("counts"),
                rs.getLong("unit_id"), rs.getInt("version"));
    }

    /**
     * One {@code name=value} line per field in a fixed order, backslashes and line breaks escaped, so that no title
     * can forge another field; hours with one decimal and the time in microseconds, as the database keeps them.
     */
    String canonical() {
        return "id=" + id + "\nperson=" + personId + "\nkind=" + kind + "\nsource=" + sourceKind + ":" + sourceId
               + "\nyear=" + year + "\noccurred=" + occurredAt.truncatedTo(ChronoUnit.MICROS)
               + "\ntitle=" + escape(title) + "\ncontext=" + escape(context)
               + "\nhours=" + hours.setScale(1, RoundingMode.HALF_UP).toPlainString()
               + "\nstatus=" + (status == null ? "" : status) + "\ncounts=" + counts + "\nunit=" + unitId + "\nversion=" + version;
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }
}
