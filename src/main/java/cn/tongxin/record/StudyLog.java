package cn.tongxin.record;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Appends to the hash chain of a unit and year: hash = sha256(prev_hash || payload) in hex, the first entry's
 * prev_hash 64 zeros. Only ever inserts.
 */
@Component
class StudyLog {

    static final String GENESIS = "0".repeat(64);

    private final JdbcClient jdbc;

    StudyLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Appends one entry in the caller's transaction. The transaction-scoped advisory lock of the chain makes
     * concurrent appends wait for each other, so each reads the head the one before it wrote (a separate statement:
     * a statement's snapshot is taken before it could wait for the lock); the unique seq is the last guard.
     */
    void append(StoredRecord record, String action, Instant now) {
        jdbc.sql("select 1 from pg_advisory_xact_lock(hashtextextended('study_record_log/' || :unit || '/' || :year, 0))")
                .param("unit", record.unitId()).param("year", record.year()).query((rs, n) -> 1).single();
        jdbc.sql("""
                        insert into study_record_log (unit_id, year, seq, record_id, action, payload, prev_hash, hash, logged_at)
                        select :unit, :year, coalesce(h.seq, 0) + 1, :record, :action, :payload, coalesce(h.hash, :genesis),
                               encode(sha256(convert_to(coalesce(h.hash, :genesis) || :payload, 'UTF8')), 'hex'), :now
                        from (select 1) one left join lateral (
                            select seq, hash from study_record_log where unit_id = :unit and year = :year
                            order by seq desc limit 1) h on true""")
                .param("unit", record.unitId()).param("year", record.year()).param("record", record.id())
                .param("action", action).param("payload", record.canonical()).param("genesis", GENESIS)
                .param("now", Timestamp.from(now)).update();
    }
}
