package cn.tongxin.notification;

import java.io.Serializable;
import java.time.Instant;

/** One line of the mail list. The body is left out on purpose: it may carry personal data. */
public record MailRow(long id, String recipient, String subject, MailStatus status, int attempts, String lastError,
                      Instant createdAt, Instant nextAttemptAt, Instant sentAt, String attachmentName)
        implements Serializable {
}
