package cn.tongxin.audit;

import java.time.Instant;

/** One line of the audit log, as the log view shows it; {@code occurrences} of it (failed sign-ins are counted). */
public record AuditEntry(long id, Instant at, String actor, String action, String targetType, Long targetId,
                         String targetLabel, String detail, String remoteAddress, int occurrences) {
}
