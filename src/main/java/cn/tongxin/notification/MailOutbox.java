package cn.tongxin.notification;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The only way the portal sends mail: a row in the outbox, written in the caller's transaction,
 * so the mail goes out if and only if the change that caused it commits. The sender delivers it later.
 */
@Service
public class MailOutbox {

    private final JdbcClient jdbc;

    MailOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public void enqueue(OutgoingMail mail) {
        enqueue(mail, null);
    }

    /**
     * As {@link #enqueue(OutgoingMail)}, once per {@code dedupKey}: a second mail with the same key is dropped.
     * Returns whether it was queued.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public boolean enqueue(OutgoingMail mail, String dedupKey) {
        var a = mail.attachment();
        return jdbc.sql("""
                        insert into mail_outbox (recipient, subject, body, attachment_name, attachment_type, attachment, dedup_key)
                        values (:to, :subject, :body, :an, :at, :a, :key)
                        on conflict (dedup_key) do nothing""")
                .param("to", mail.to()).param("subject", mail.subject()).param("body", mail.body())
                .param("an", a == null ? null : a.fileName())
                .param("at", a == null ? null : a.contentType())
                .param("a", a == null ? null : a.content())
                .param("key", dedupKey)
                .update() == 1;
    }
}
