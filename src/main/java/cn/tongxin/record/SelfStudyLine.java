package cn.tongxin.record;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A self-study entry in an archive: {@code counted} of its {@code hours} count; {@code reason} says why the rest does
 * not ({@code null} when all of it counts): over the per-entry cap, over the year's cap, pending, sent back.
 * {@code recordId} is the study record of a verified entry, null for the others.
 */
public record SelfStudyLine(long entryId, Long recordId, String title, LocalDate studiedOn, BigDecimal hours,
                            BigDecimal counted, Reason reason) implements Serializable {

    public enum Reason {
        OVER_ENTRY_CAP, OVER_YEAR_CAP, PENDING, RETURNED
    }
}
