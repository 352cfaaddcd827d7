package cn.tongxin.record;

import java.io.Serializable;

/**
 * The result of verifying a unit's chain for a year: intact with the number of entries, or the first entry where
 * it breaks ({@code brokenSeq} is null for a record that has no entry at all), its record, and what differs.
 */
public record ChainCheck(long unitId, int year, int count, Integer brokenSeq, Long recordId, Problem problem)
        implements Serializable {

    /** What differs at the break. */
    public enum Problem {
        /** A sequence number is missing or repeated. */
        SEQUENCE,
        /** The entry's prev_hash is not the hash of the entry before. */
        LINK,
        /** The entry's hash is not sha256(prev_hash || payload): the entry was changed. */
        HASH,
        /** The record no longer says what its last entry says: the record was changed behind the portal's back. */
        RECORD,
        /** A record of the unit and year with no entry in the chain. */
        UNLOGGED
    }

    public boolean intact() {
        return problem == null;
    }
}
