package cn.tongxin.notification;

import cn.tongxin.audit.AuditDetail;
import cn.tongxin.audit.AuditService;
import cn.tongxin.base.DomainException;
import cn.tongxin.base.Page;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The administrator's window on the outbox: what waits, what went, what failed; resend; a test mail. */
@Service
public class MailService {

    static final String TARGET = "MAIL";
    private static final String ADDRESS = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";

    private final JdbcClient jdbc;
    private final OutboxSender sender;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final AuditService audit;
    private final Clock clock;
    private final String smtpServer;

    MailService(JdbcClient jdbc, OutboxSender sender, MailOutbox outbox, MailTemplates templates, AuditService audit,
                Clock clock, @Value("${spring.mail.host:}") String host, @Value("${spring.mail.port:25}") int port) {
        this.jdbc = jdbc;
        this.sender = sender;
        this.outbox = outbox;
        this.templates = templates;
        this.audit = audit;
        this.clock = clock;
        this.smtpServer = host == null || host.isBlank() ? null : host.trim() + ":" + port;
    }

    /** False when no SMTP server is configured ({@code spring.mail.host}): mails then wait as PENDING. */
    public boolean smtpConfigured() {
        return sender.configured();
    }

    /** host:port of the SMTP server, or empty when none is configured. */
    public Optional<String> smtpServer() {
        return sender.configured() ? Optional.ofNullable(smtpServer) : Optional.empty();
    }

    /** How often a mail is tried before it is FAILED. */
    public int maxAttempts() {
        return sender.maxAttempts();
    }

    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional(readOnly = true)
    public Map<MailStatus, Long> countByStatus() {
        Map<MailStatus, Long> counts = new EnumMap<>(MailStatus.class);
        for (MailStatus s : MailStatus.values()) {
            counts.put(s, 0L);
        }
        jdbc.sql("select status, count(*) as n from mail_outbox group by status")
                .query((rs, n) -> Map.entry(MailStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                .list().forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional(readOnly = true)
    public long count(MailStatus status, String text) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("select count(*) from mail_outbox where " + where(status, text, params)).params(params)
                .query(Long.class).single();
    }

    /** Newest first; {@code status} null for all, {@code text} matches recipient or subject. */
    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional(readOnly = true)
    public Page<MailRow> search(MailStatus status, String text, int offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        String where = where(status, text, params);
        long total = jdbc.sql("select count(*) from mail_outbox where " + where).params(params).query(Long.class).single();
        params.put("limit", limit);
        params.put("offset", offset);
        List<MailRow> rows = jdbc.sql("""
                        select id, recipient, subject, status, attempts, last_error, created_at, next_attempt_at, sent_at,
                               attachment_name
                        from mail_outbox
                        where""" + " " + where + " order by created_at desc, id desc limit :limit offset :offset")
                .params(params).query(MailService::row).list();
        return new Page<>(rows, total);
    }

    /** A FAILED mail goes back to the queue with a fresh count of attempts. */
    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional
    public void resend(long id) {
        int changed = jdbc.sql("""
                        update mail_outbox set status = 'PENDING', attempts = 0, next_attempt_at = :now
                        where id = :id and status = 'FAILED'""")
                .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).param("id", id).update();
        if (changed == 0) {
            throw new DomainException("mail.error.not-failed");
        }
        String recipient = jdbc.sql("select recipient from mail_outbox where id = :id").param("id", id)
                .query(String.class).single();
        audit.record(AuditService.UPDATE, TARGET, id, recipient, AuditDetail.of("mail.resend"));
    }

    /** Queues the test mail to {@code to}, in the caller's language. */
    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional
    public void sendTest(String to, Locale locale) {
        String address = to == null ? "" : to.trim();
        if (!address.matches(ADDRESS) || address.length() > 200) {
            throw new DomainException("mail.error.address");
        }
        String sender = Callers.require().displayName();
        outbox.enqueue(templates.compose(address, locale, MailTemplates.TEST, sender,
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(clock.instant().atZone(clock.getZone()))));
        audit.record(AuditService.CREATE, TARGET, null, address, AuditDetail.of("mail.test"));
    }

    private static String where(MailStatus status, String text, Map<String, Object> params) {
        StringBuilder where = new StringBuilder("true");
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status.name());
        }
        if (text != null && !text.isBlank()) {
            where.append(" and (recipient ilike :text or subject ilike :text)");
            params.put("text", "%" + text.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return where.toString();
    }

    private static MailRow row(ResultSet rs, int n) throws SQLException {
        return new MailRow(rs.getLong("id"), rs.getString("recipient"), rs.getString("subject"),
                MailStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("last_error"),
                instant(rs, "created_at"), instant(rs, "next_attempt_at"), instant(rs, "sent_at"),
                rs.getString("attachment_name"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
