package cn.tongxin.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "audit_event")
class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Instant at;
    private String actor;
    private String action;
    @Column(name = "target_type")
    private String targetType;
    @Column(name = "target_id")
    private Long targetId;
    @Column(name = "target_label")
    private String targetLabel;
    private String detail;
    @Column(name = "remote_address")
    private String remoteAddress;
    /** More than one for the rows that count failed sign-ins (AuditService#countFailedLogin). */
    @Column(updatable = false)
    private int occurrences = 1;

    protected AuditEvent() {
    }

    AuditEvent(Instant at, String actor, String action, String targetType, Long targetId, String targetLabel,
               String detail, String remoteAddress) {
        this.at = at;
        this.actor = cut(actor, 50);
        this.action = cut(action, 40);
        this.targetType = cut(targetType, 40);
        this.targetId = targetId;
        this.targetLabel = cut(targetLabel, 200);
        this.detail = cut(detail, 2000);
        this.remoteAddress = cut(remoteAddress, 64);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    AuditEntry toEntry() {
        return new AuditEntry(id, at, actor, action, targetType, targetId, targetLabel, detail, remoteAddress, occurrences);
    }
}
