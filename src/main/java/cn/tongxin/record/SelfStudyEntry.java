package cn.tongxin.record;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An entry as its reader sees it: the trainee's text, its status, the last return's reason, the evidence and the
 * whole history. {@code canResubmit} and {@code canDecide} say what the reader may do with it.
 */
public record SelfStudyEntry(long id, long personId, String personName, String unitName, String title,
                             LocalDate studiedOn, SelfStudyKind kind, BigDecimal hours, String note,
                             SelfStudyStatus status, int version, Instant createdAt, String returnReason,
                             List<EvidenceInfo> evidence, List<SelfStudyStep> history, boolean canResubmit,
                             boolean canDecide) implements Serializable {
}
