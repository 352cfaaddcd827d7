package cn.tongxin.record;

import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Verifies the hash chain of a unit's study records for a year, in Java, independently of the SQL that wrote it:
 * each entry's link and hash in order, and each record against its last entry.
 */
@Service
public class StudyChain {

    static final String READERS = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "','" + Roles.CHECKER + "')";

    private final JdbcClient jdbc;

    StudyChain(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public ChainCheck verify(long unitId, int year) {
        Caller caller = Callers.require();
        String path = jdbc.sql("select path from unit where id = :id").param("id", unitId).query(String.class).optional()
                .orElseThrow(() -> new AccessDeniedException("no such unit"));
        if (!caller.managesUnit(path)) {
            throw new AccessDeniedException("unit outside the caller's scope");
        }
        Walk walk = new Walk(unitId, year);
        // Entries in order; for the last entry of each record (in any chain), the record as it is now.
        jdbc.sql("""
                        select l.seq, l.record_id, l.payload, l.prev_hash, l.hash, r.id, r.person_id, r.kind, r.source_kind,
                               r.source_id, r.year, r.occurred_at, r.title, r.context, r.hours, r.status, r.counts, r.unit_id,
                               r.version
                        from study_record_log l
                        left join study_record r on r.id = l.record_id
                             and not exists (select 1 from study_record_log n where n.record_id = l.record_id and n.id > l.id)
                        where l.unit_id = :u and l.year = :y order by l.seq""")
                .param("u", unitId).param("y", year)
                .query(rs -> {
                    if (walk.broken == null) {
                        walk.next(rs.getInt("seq"), rs.getLong("record_id"), rs.getString("payload"), rs.getString("prev_hash"),
                                rs.getString("hash"), rs.getObject("id") == null ? null : StoredRecord.of(rs));
                    }
                });
        if (walk.broken != null) {
            return walk.broken;
        }
        // A record put in behind the portal's back has no entry at all.
        Long unlogged = jdbc.sql("""
                        select r.id from study_record r where r.unit_id = :u and r.year = :y
                          and not exists (select 1 from study_record_log l where l.record_id = r.id)
                        order by r.id limit 1""")
                .param("u", unitId).param("y", year).query(Long.class).optional().orElse(null);
        if (unlogged != null) {
            return new ChainCheck(unitId, year, walk.count, null, unlogged, ChainCheck.Problem.UNLOGGED);
        }
        return new ChainCheck(unitId, year, walk.count, null, null, null);
    }

    /** The walk along a chain, stopping at the first break. */
    private static final class Walk {
        final long unitId;
        final int year;
        int count;
        String head = StudyLog.GENESIS;
        ChainCheck broken;

        Walk(long unitId, int year) {
            this.unitId = unitId;
            this.year = year;
        }

        void next(int seq, long recordId, String payload, String prevHash, String hash, StoredRecord current) {
            ChainCheck.Problem problem = null;
            if (seq != count + 1) {
                problem = ChainCheck.Problem.SEQUENCE;
            } else if (!head.equals(prevHash)) {
                problem = ChainCheck.Problem.LINK;
            } else if (!sha256(prevHash + payload).equals(hash)) {
                problem = ChainCheck.Problem.HASH;
            } else if (current != null && !Objects.equals(current.canonical(), payload)) {
                problem = ChainCheck.Problem.RECORD;
            }
            if (problem != null) {
                broken = new ChainCheck(unitId, year, count, seq, recordId, problem);
                return;
            }
            count++;
            head = hash;
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
