package cn.tongxin.record;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What a trainee types for an entry; the service trims and checks it. */
public record SelfStudyDraft(String title, LocalDate studiedOn, SelfStudyKind kind, BigDecimal hours, String note) {
}
