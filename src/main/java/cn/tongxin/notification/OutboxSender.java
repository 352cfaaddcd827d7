package cn.tongxin.notification;

import cn.tongxin.base.Translations;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

/**
 * Delivers the outbox. Safe with any number of application instances, by a claim-and-mark protocol:
 * <ol>
 *     <li><b>claim</b>: one short transaction picks due PENDING rows with {@code FOR UPDATE SKIP LOCKED} and moves
 *     their {@code next_attempt_at} to a lease in the future, counting the attempt. After commit no other
 *     instance sees them as due until the lease ends; while it runs, others skip the locked rows.</li>
 *     <li><b>send</b> each claimed mail, outside any transaction (SMTP may be slow), but only while the lease
 *     still has {@link Settings#leaseMargin()} left; the rest is handed back.</li>
 *     <li><b>mark</b> each at once: SENT, or, on failure, PENDING again after an exponential back-off
 *     (1, 2, 4 … minutes, at most an hour), or FAILED after {@link Settings#maxAttempts()} attempts.</li>
 * </ol>
 * A crash between send and mark leaves the row PENDING under its lease, so it is sent again after the lease:
 * at-least-once, with a stable Message-ID so that the duplicate can be recognised
 * (see docs/design-decisions/mail-outbox.md). Without {@code spring.mail.host} nothing is sent and mails wait.
 */
@Component
class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    static final Duration LAST_RETRY = Duration.ofHours(1);
    /** One scheduled run sends at most this long, so it does not hold the scheduler thread for ever. */
    private static final Duration RUN_BUDGET = Duration.ofMinutes(1);
    /** Sent mails keep their log line (recipient, subject, time, key) for good, their body and attachment this long. */
    static final Duration KEEP_SENT_CONTENT = Duration.ofDays(90);
    private volatile Instant nextTrim = Instant.MIN;

    /** Tunables: sender address, how many rows one claim takes, attempts before FAILED, the claim's lease. */
    record Settings(String from, int batchSize, int maxAttempts, Duration lease) {
        Settings {
            if (batchSize < 1 || maxAttempts < 1 || lease.compareTo(Duration.ofSeconds(10)) < 0) {
                throw new IllegalArgumentException("mail sender settings");
            }
        }

        /** Sending stops when less than this is left of the lease: a send may take a (timed-out) while. */
        Duration leaseMargin() {
            return lease.dividedBy(2);
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final JavaMailSender mailSender;
    private final Settings settings;
    private final Clock clock;

    @Autowired
    OutboxSender(JdbcClient jdbc, TransactionTemplate transaction, ObjectProvider<JavaMailSender> mailSender,
                 @Value("${spring.mail.host:}") String host,
                 @Value("${tongxin.mail.from:noreply@tongxin.local}") String from,
                 @Value("${tongxin.mail.batch-size:20}") int batchSize,
                 @Value("${tongxin.mail.max-attempts:8}") int maxAttempts,
                 @Value("${tongxin.mail.lease:PT5M}") Duration lease,
                 Clock clock) {
        // Spring Boot makes a JavaMailSender even for an empty spring.mail.host: only a real host counts.
        this(jdbc, transaction, host == null || host.isBlank() ? null : mailSender.getIfAvailable(),
                new Settings(from, batchSize, maxAttempts, lease), clock);
    }

    OutboxSender(JdbcClient jdbc, TransactionTemplate transaction, JavaMailSender mailSender, Settings settings,
                 Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.mailSender = mailSender;
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether an SMTP server is configured; without one mails stay PENDING. */
    boolean configured() {
        return mailSender != null;
    }

    int maxAttempts() {
        return settings.maxAttempts();
    }

    @Scheduled(fixedDelayString = "${tongxin.mail.poll-interval:PT15S}",
            initialDelayString = "${tongxin.mail.initial-delay:PT20S}")
    void run() {
        if (!configured()) {
            return;
        }
        Instant stop = clock.instant().plus(RUN_BUDGET);
        try {
            if (clock.instant().isAfter(nextTrim)) {
                trimSent();
                nextTrim = clock.instant().plus(Duration.ofHours(1));
            }
            while (sendDue() == settings.batchSize() && clock.instant().isBefore(stop)) {
                // a full batch: there may be more
            }
        } catch (RuntimeException e) {
            // The database may be briefly away; the next run tries again.
            log.warn("Mail outbox run failed: {}", e.toString());
        }
    }

    /**
     * Empties the body and drops the attachment of mails sent more than {@link #KEEP_SENT_CONTENT} ago, so that the
     * outbox does not grow with every invitation's .ics for ever; the row stays as the mail log. Returns how many.
     */
    int trimSent() {
        return jdbc.sql("""
                        update mail_outbox set body = '', attachment = null, attachment_name = null, attachment_type = null
                        where status = 'SENT' and created_at < :before and (body <> '' or attachment is not null)""")
                .param("before", utc(clock.instant().minus(KEEP_SENT_CONTENT))).update();
    }

    /** Claims one batch of due mails, sends and marks them. Returns how many were claimed. */
    int sendDue() {
        if (!configured()) {
            return 0;
        }
        Instant now = micros(clock.instant());
        Instant lease = now.plus(settings.lease());
        List<Claimed> claimed = claim(now, lease);
        Instant giveUpAt = lease.minus(settings.leaseMargin());
        for (int i = 0; i < claimed.size(); i++) {
            if (clock.instant().isAfter(giveUpAt)) {
                release(claimed.subList(i, claimed.size()), lease);
                break;
            }
            deliver(claimed.get(i), lease);
        }
        return claimed.size();
    }

    private List<Claimed> claim(Instant now, Instant lease) {
        return transaction.execute(status -> jdbc.sql("""
                        with due as (
                            select id from mail_outbox
                            where status = 'PENDING' and next_attempt_at <= :now
                            order by next_attempt_at, id
                            limit :limit
                            for update skip locked)
                        update mail_outbox m set next_attempt_at = :lease, attempts = m.attempts + 1
                        from due where m.id = due.id
                        returning m.id, m.recipient, m.subject, m.body, m.attachment_name, m.attachment_type,
                                  m.attachment, m.attempts""")
                .param("now", utc(now)).param("lease", utc(lease)).param("limit", settings.batchSize())
                .query((rs, n) -> new Claimed(rs.getLong("id"), rs.getString("recipient"), rs.getString("subject"),
                        rs.getString("body"), rs.getString("attachment_name"), rs.getString("attachment_type"),
                        rs.getBytes("attachment"), rs.getInt("attempts")))
                .list()
                .stream().sorted(java.util.Comparator.comparingLong(Claimed::id)).toList());
    }

    private void deliver(Claimed mail, Instant lease) {
        MimeMessage message;
        try {
            message = prepare(mail);
        } catch (MessagingException | MailException | UnsupportedEncodingException e) {
            // A mail that cannot even be written (a malformed address) will not get better by waiting.
            fail(mail, lease, e, true);
            return;
        }
        try {
            mailSender.send(message);
        } catch (MailParseException | MailPreparationException e) {
            fail(mail, lease, e, true);
            return;
        } catch (RuntimeException e) {
            fail(mail, lease, e, false);
            return;
        }
        int marked = jdbc.sql("update mail_outbox set status = 'SENT', sent_at = :now where id = :id and status = 'PENDING'")
                .param("now", utc(micros(clock.instant()))).param("id", mail.id()).update();
        if (marked == 0) {
            log.warn("Mail {} was sent but was no longer pending (lease lost?)", mail.id());
        }
    }

    private MimeMessage prepare(Claimed mail) throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = newMessage(mail.id());
        boolean multipart = mail.attachment() != null;
        MimeMessageHelper helper = new MimeMessageHelper(message,
                multipart ? MimeMessageHelper.MULTIPART_MODE_MIXED : MimeMessageHelper.MULTIPART_MODE_NO, "UTF-8");
        helper.setFrom(settings.from(), Translations.get(Translations.CHINESE, "app.name"));
        helper.setTo(mail.recipient());
        helper.setSubject(mail.subject());
        helper.setText(mail.body(), false);
        helper.setSentDate(Date.from(clock.instant()));
        if (multipart) {
            String type = mail.attachmentType() == null ? "application/octet-stream" : mail.attachmentType();
            helper.addAttachment(mail.attachmentName(), new ByteArrayDataSource(mail.attachment(), type));
        }
        return message;
    }

    /**
     * A message whose Message-ID is the same on every attempt, so that a duplicate after a crash between
     * send and mark can be recognised (many mail systems drop a second copy with the same id).
     */
    private MimeMessage newMessage(long id) {
        String messageId = "<tongxin.outbox." + id + "@" + domainOf(settings.from()) + ">";
        Session session = mailSender instanceof JavaMailSenderImpl impl ? impl.getSession() : null;
        if (session == null) {
            return mailSender.createMimeMessage();
        }
        return new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
    }

    private void fail(Claimed mail, Instant lease, Exception e, boolean permanent) {
        String error = describe(e);
        boolean last = permanent || mail.attempts() >= settings.maxAttempts();
        Instant next = micros(clock.instant()).plus(backoff(mail.attempts()));
        // Fenced by the lease: if it ran out and someone else claimed the row, their outcome stands.
        jdbc.sql("""
                        update mail_outbox set status = :status, last_error = :error, next_attempt_at = :next
                        where id = :id and status = 'PENDING' and next_attempt_at = :lease""")
                .param("status", last ? MailStatus.FAILED.name() : MailStatus.PENDING.name())
                .param("error", error).param("next", utc(next)).param("id", mail.id()).param("lease", utc(lease))
                .update();
        if (last) {
            log.warn("Mail {} to {} failed for good after {} attempt(s): {}", mail.id(), mail.recipient(), mail.attempts(), error);
        } else {
            log.info("Mail {} failed (attempt {}), next try in {}: {}", mail.id(), mail.attempts(), backoff(mail.attempts()), error);
        }
    }

    /** Hands claimed but unsent mails back at once, attempt not counted. */
    private void release(List<Claimed> mails, Instant lease) {
        for (Claimed mail : mails) {
            jdbc.sql("""
                            update mail_outbox set next_attempt_at = :now, attempts = greatest(attempts - 1, 0)
                            where id = :id and status = 'PENDING' and next_attempt_at = :lease""")
                    .param("now", utc(micros(clock.instant()))).param("id", mail.id()).param("lease", utc(lease))
                    .update();
        }
    }

    /** The wait after the {@code failures}-th failed attempt: 1, 2, 4 … minutes, at most an hour. */
    static Duration backoff(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 20));
        Duration wait = FIRST_RETRY.multipliedBy(1L << doublings);
        return wait.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait;
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + ": " + e.getMessage()
                + (root != e ? " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")" : "");
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    private static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? "" : address.substring(at + 1).replaceAll("[^A-Za-z0-9.-]", "");
        return domain.isEmpty() ? "tongxin.local" : domain;
    }

    /** PostgreSQL keeps microseconds: the lease must compare equal after a round trip. */
    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private record Claimed(long id, String recipient, String subject, String body, String attachmentName,
                           String attachmentType, byte[] attachment, int attempts) {
    }
}
