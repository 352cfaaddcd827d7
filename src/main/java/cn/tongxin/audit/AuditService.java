package cn.tongxin.audit;

import cn.tongxin.base.Page;
import cn.tongxin.security.Roles;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The audit log (PIPL): who looked at or changed a person's record, who exported what, who signed in.
 * Entries join the caller's transaction, so a change and its entry land together or not at all.
 */
@Service
public class AuditService {

    /** Actions, stable names for filtering. */
    public static final String VIEW = "VIEW";
    public static final String CREATE = "CREATE";
    public static final String UPDATE = "UPDATE";
    public static final String DELETE = "DELETE";
    public static final String EXPORT = "EXPORT";
    public static final String IMPORT = "IMPORT";
    public static final String REVEAL_ID = "REVEAL_ID";
    public static final String LOGIN = "LOGIN";
    public static final String LOGIN_FAILED = "LOGIN_FAILED";
    public static final String ACCOUNT = "ACCOUNT";

    /** Failed sign-ins are counted per this long (docs/design-decisions/010-login-and-sessions.md). */
    static final Duration FAILED_LOGIN_BUCKET = Duration.ofHours(1);
    /** No username is longer; a longer typed name is cut, so that an anonymous caller writes little. */
    static final int TYPED_NAME_MAX = 50;

    private final AuditRepository repository;
    private final JdbcClient jdbc;
    private final Clock clock;

    AuditService(AuditRepository repository, JdbcClient jdbc, Clock clock) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public void record(String action, String targetType, Long targetId, String targetLabel, String detail) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        String actor = auth == null ? "system" : auth.getName();
        recordAs(actor, action, targetType, targetId, targetLabel, detail);
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public void recordAs(String actor, String action, String targetType, Long targetId, String targetLabel, String detail) {
        repository.save(new AuditEvent(clock.instant(), Objects.requireNonNullElse(actor, "system"), action,
                targetType, targetId, targetLabel, detail, remoteAddress()));
    }

    /**
     * A failed sign-in, which anyone can cause: instead of a row per try, one row per (name typed, address, reason,
     * hour) counts them, in one statement (parallel tries all count). The name is cut to {@value #TYPED_NAME_MAX}
     * characters; pass null when the try was refused unchecked (too many tries), so that those, whatever names they
     * carry, add up to one row per address and hour. Never pass the password.
     */
    public void countFailedLogin(String typedName, String reason, String remoteAddress) {
        Instant now = clock.instant();
        long bucket = FAILED_LOGIN_BUCKET.toMillis();
        String name = typedName == null ? null : cut(typedName.trim(), TYPED_NAME_MAX);
        jdbc.sql("""
                        insert into audit_event (at, actor, action, target_type, target_label, detail, remote_address,
                                                 occurrences, bucket)
                        values (:at, :actor, :action, 'ACCOUNT', :label, :detail, :address, 1, :bucket)
                        on conflict (bucket, action, actor, remote_address, detail) where bucket is not null
                        do update set occurrences = audit_event.occurrences + 1, at = excluded.at""")
                .param("at", Timestamp.from(now))
                .param("actor", name == null ? "anonymous" : name)
                .param("action", LOGIN_FAILED)
                .param("label", name)
                .param("detail", cut(reason, 200))
                .param("address", cut(remoteAddress == null ? remoteAddress() : remoteAddress, 64))
                .param("bucket", Timestamp.from(Instant.ofEpochMilli(now.toEpochMilli() / bucket * bucket)))
                .update();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional(readOnly = true)
    public Page<AuditEntry> search(AuditFilter filter, int offset, int limit) {
        Instant from = filter.from() == null ? Instant.EPOCH : filter.from();
        Instant to = filter.to() == null ? Instant.parse("9999-01-01T00:00:00Z") : filter.to();
        String actor = filter.actor() == null ? "" : filter.actor().trim();
        String action = filter.action() == null ? "" : filter.action();
        String type = filter.targetType() == null ? "" : filter.targetType();
        var rows = repository.search(actor, action, type, filter.targetId(), from, to,
                PageRequest.of(offset / Math.max(limit, 1), Math.max(limit, 1)));
        long total = repository.countSearch(actor, action, type, filter.targetId(), from, to);
        return new Page<>(rows.stream().map(AuditEvent::toEntry).toList(), total);
    }

    private static String remoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            HttpServletRequest request = attrs.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
