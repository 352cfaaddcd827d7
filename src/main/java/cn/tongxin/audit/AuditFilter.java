package cn.tongxin.audit;

import java.time.Instant;

/** What the audit log view filters by; blank strings and nulls mean "any". */
public record AuditFilter(String actor, String action, String targetType, Long targetId, Instant from, Instant to) {

    public static AuditFilter any() {
        return new AuditFilter("", "", "", null, null, null);
    }
}
