package cn.tongxin.record;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Published inside the transaction that verifies an entry, so that the study records take it in the same
 * transaction (StudyRecorder writes and chains the SELF_STUDY record: it exists exactly when the verification does).
 */
public record SelfStudyVerified(long entryId, long personId, BigDecimal hours, LocalDate studiedOn) {
}
