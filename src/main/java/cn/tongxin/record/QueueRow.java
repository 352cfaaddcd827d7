package cn.tongxin.record;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A pending entry in the checker's queue. */
public record QueueRow(long id, String personName, String unitName, String title, LocalDate studiedOn,
                       SelfStudyKind kind, BigDecimal hours, int evidenceCount, Instant submittedAt, int version)
        implements Serializable {
}
