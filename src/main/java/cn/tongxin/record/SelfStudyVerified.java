package cn.tongxin.record;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Published inside the transaction that verifies an entry, so that the archive (and its hour totals) can take it on
 * commit with {@code @TransactionalEventListener} without calling into self-study.
 */
public record SelfStudyVerified(long entryId, long personId, BigDecimal hours, LocalDate studiedOn) {
}
