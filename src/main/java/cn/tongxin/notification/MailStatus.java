package cn.tongxin.notification;

/** Where a mail of the outbox stands: waiting (or being retried), delivered to the SMTP server, or given up. */
public enum MailStatus {
    PENDING, SENT, FAILED
}
