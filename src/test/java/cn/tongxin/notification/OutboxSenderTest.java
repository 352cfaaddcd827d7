package cn.tongxin.notification;

import cn.tongxin.Application;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The outbox sender against a real SMTP server (GreenMail) and a real PostgreSQL of its own. */
class OutboxSenderTest {

    private static final String ICS = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//Tongxin//CN\r
            METHOD:REQUEST\r
            BEGIN:VEVENT\r
            UID:class-12-session-3@tongxin\r
            DTSTART;TZID=Asia/Shanghai:20260312T090000\r
            SUMMARY:全省民主党派骨干第一期轮训班 · 专题辅导\r
            LOCATION:省社会主义学院 报告厅\r
            END:VEVENT\r
            END:VCALENDAR\r
            """;

    private static OutboxDatabase db;
    private final ShiftedClock clock = new ShiftedClock(Application.ZONE);
    private MailOutbox outbox;
    private GreenMail smtp;
    private int port;

    @BeforeAll
    static void startDatabase() {
        db = new OutboxDatabase();
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        db.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        db.clear();
        outbox = new MailOutbox(db.jdbc);
        port = freePort();
    }

    @AfterEach
    void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void a_queued_chinese_mail_with_an_ics_attachment_arrives_intact() throws Exception {
        startSmtp();
        String body = "张三同志：\n\n您已被列入全省民主党派骨干第一期轮训班，请于 3 月 12 日 9:00 到省社会主义学院报到。\n附件为日程，可导入日历。";
        long id = enqueue(new OutgoingMail("zhangsan@example.cn", "【同心】培训邀请：全省民主党派骨干第一期轮训班", body,
                new OutgoingMail.Attachment("invite.ics", "text/calendar; charset=UTF-8; method=REQUEST",
                        ICS.getBytes(StandardCharsets.UTF_8))));

        assertThat(sender(10, 8).sendDue()).isEqualTo(1);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage message = received[0];
        assertThat(message.getSubject()).isEqualTo("【同心】培训邀请：全省民主党派骨干第一期轮训班");
        assertThat(Arrays.stream(message.getAllRecipients()).map(Address::toString)).containsExactly("zhangsan@example.cn");
        assertThat(message.getFrom()[0].toString()).contains("noreply@tongxin.test").contains("=?UTF-8?");
        assertThat(message.getMessageID()).isEqualTo("<tongxin.outbox." + id + "@tongxin.test>");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(text(parts.getBodyPart(0))).isEqualTo(body);
        BodyPart invite = parts.getBodyPart(1);
        assertThat(invite.getFileName()).isEqualTo("invite.ics");
        assertThat(invite.getContentType()).startsWith("text/calendar").containsIgnoringCase("charset=UTF-8")
                .contains("method=REQUEST");
        try (InputStream in = invite.getInputStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(ICS);
        }
        Map<String, Object> row = row(id);
        assertThat(row.get("status")).isEqualTo("SENT");
        assertThat(row.get("sent_at")).isNotNull();
        assertThat(row.get("attempts")).isEqualTo(1);
    }

    @Test
    void with_the_smtp_server_down_a_mail_waits_and_is_delivered_exactly_once_when_it_is_back() throws Exception {
        OutboxSender sender = sender(10, 8);
        long id = enqueue(new OutgoingMail("lisi@example.cn", "【同心】密码已重置", "李四您好"));

        assertThat(sender.sendDue()).isEqualTo(1);
        Map<String, Object> failed = row(id);
        assertThat(failed.get("status")).isEqualTo("PENDING");
        assertThat(failed.get("attempts")).isEqualTo(1);
        assertThat((String) failed.get("last_error")).isNotBlank();
        Instant retryAt = ((java.sql.Timestamp) failed.get("next_attempt_at")).toInstant();
        assertThat(retryAt).isCloseTo(clock.instant().plus(Duration.ofMinutes(1)), within(Duration.ofSeconds(5)));

        startSmtp();
        assertThat(sender.sendDue()).as("not due before its back-off").isZero();
        clock.advance(Duration.ofSeconds(61));
        assertThat(sender.sendDue()).isEqualTo(1);
        clock.advance(Duration.ofHours(2));
        assertThat(sender.sendDue()).isZero();

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("【同心】密码已重置");
        assertThat(row(id).get("status")).isEqualTo("SENT");
        assertThat(row(id).get("attempts")).isEqualTo(2);
    }

    @Test
    void two_senders_racing_over_200_mails_deliver_each_exactly_once() throws Exception {
        startSmtp();
        for (int i = 0; i < 200; i++) {
            enqueue(new OutgoingMail("race" + i + "@example.cn", "【同心】通知 " + i, "第 " + i + " 封"));
        }
        OutboxSender first = sender(7, 8);
        OutboxSender second = sender(7, 8);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Function<OutboxSender, Callable<Integer>> drain = s -> () -> {
                start.await();
                int claimed = 0;
                for (int n; (n = s.sendDue()) > 0; ) {
                    claimed += n;
                }
                return claimed;
            };
            Future<Integer> a = threads.submit(drain.apply(first));
            Future<Integer> b = threads.submit(drain.apply(second));
            start.countDown();
            int byFirst = a.get();
            int bySecond = b.get();
            assertThat(byFirst + bySecond).isEqualTo(200);
            assertThat(byFirst).as("both senders took part").isPositive();
            assertThat(bySecond).as("both senders took part").isPositive();
        } finally {
            threads.shutdownNow();
        }

        Map<String, Long> perRecipient = Arrays.stream(smtp.getReceivedMessages())
                .collect(Collectors.groupingBy(OutboxSenderTest::recipient, Collectors.counting()));
        assertThat(perRecipient).hasSize(200);
        assertThat(perRecipient.values()).containsOnly(1L);
        assertThat(db.jdbc.sql("select count(*) from mail_outbox where status = 'SENT' and attempts = 1")
                .query(Long.class).single()).isEqualTo(200);
    }

    @Test
    void a_mail_whose_transaction_rolls_back_is_never_sent() throws Exception {
        startSmtp();
        db.transaction.executeWithoutResult(tx -> {
            outbox.enqueue(new OutgoingMail("rolledback@example.cn", "【同心】不应发出", "回滚"));
            tx.setRollbackOnly();
        });
        db.transaction.executeWithoutResult(tx ->
                outbox.enqueue(new OutgoingMail("committed@example.cn", "【同心】应当发出", "提交")));

        OutboxSender sender = sender(10, 8);
        assertThat(sender.sendDue()).isEqualTo(1);
        clock.advance(Duration.ofHours(3));
        assertThat(sender.sendDue()).isZero();

        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(OutboxSenderTest::recipient))
                .containsExactly("committed@example.cn");
        assertThat(db.jdbc.sql("select count(*) from mail_outbox where recipient = 'rolledback@example.cn'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void a_mail_claimed_by_an_instance_that_died_is_sent_after_its_lease() throws Exception {
        startSmtp();
        long id = enqueue(new OutgoingMail("wangwu@example.cn", "【同心】通知", "王五您好"));
        // Another instance claimed it (lease 5 minutes) and died before sending.
        db.jdbc.sql("update mail_outbox set attempts = 1, next_attempt_at = :lease where id = :id")
                .param("lease", clock.instant().plus(Duration.ofMinutes(5)).atOffset(java.time.ZoneOffset.UTC))
                .param("id", id).update();
        OutboxSender sender = sender(10, 8);

        assertThat(sender.sendDue()).as("still leased to the other instance").isZero();
        clock.advance(Duration.ofMinutes(6));
        assertThat(sender.sendDue()).isEqualTo(1);

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(row(id).get("status")).isEqualTo("SENT");
    }

    @Test
    void after_the_last_attempt_a_mail_is_failed_and_no_longer_tried() {
        OutboxSender sender = sender(10, 3);
        long id = enqueue(new OutgoingMail("zhaoliu@example.cn", "【同心】通知", "赵六您好"));

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(sender.sendDue()).isEqualTo(1);
            clock.advance(Duration.ofHours(1).plusSeconds(1));
        }
        assertThat(sender.sendDue()).isZero();

        Map<String, Object> row = row(id);
        assertThat(row.get("status")).isEqualTo("FAILED");
        assertThat(row.get("attempts")).isEqualTo(3);
        assertThat((String) row.get("last_error")).contains("MailSendException");
    }

    @Test
    void without_smtp_configured_mails_stay_pending_and_untouched() {
        OutboxSender unconfigured = new OutboxSender(db.jdbc, db.transaction, null,
                new OutboxSender.Settings("noreply@tongxin.test", 10, 8, Duration.ofMinutes(5)), clock);
        long id = enqueue(new OutgoingMail("sunqi@example.cn", "【同心】通知", "孙七您好"));

        assertThat(unconfigured.configured()).isFalse();
        assertThat(unconfigured.sendDue()).isZero();
        unconfigured.run();

        assertThat(row(id).get("status")).isEqualTo("PENDING");
        assertThat(row(id).get("attempts")).isEqualTo(0);
    }

    @Test
    void the_sender_needs_both_a_host_and_a_mail_sender_bean() {
        var none = new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class);
        var factory = new StaticListableBeanFactory();
        factory.addBean("mailSender", new JavaMailSenderImpl());
        var one = factory.getBeanProvider(JavaMailSender.class);

        assertThat(springSender(none, "smtp.example.cn").configured()).as("no bean").isFalse();
        assertThat(springSender(one, "").configured()).as("Spring Boot's bean for an empty host").isFalse();
        assertThat(springSender(one, "smtp.example.cn").configured()).isTrue();
    }

    private OutboxSender springSender(org.springframework.beans.factory.ObjectProvider<JavaMailSender> provider, String host) {
        return new OutboxSender(db.jdbc, db.transaction, provider, host, "noreply@tongxin.test", 20, 8,
                Duration.ofMinutes(5), clock);
    }

    @Test
    void the_back_off_doubles_from_one_minute_up_to_an_hour() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8, 30).stream().map(OutboxSender::backoff).toList())
                .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
                        Duration.ofMinutes(16), Duration.ofMinutes(32), Duration.ofHours(1), Duration.ofHours(1),
                        Duration.ofHours(1));
    }

    @Test
    void sent_mails_lose_body_and_attachment_after_ninety_days_but_keep_their_log_line() throws Exception {
        startSmtp();
        OutboxSender sender = sender(10, 8);
        long old = enqueue(new OutgoingMail("old@example.cn", "【同心】旧邀请", "正文",
                new OutgoingMail.Attachment("invite.ics", "text/calendar", ICS.getBytes(StandardCharsets.UTF_8))));
        long recent = enqueue(new OutgoingMail("new@example.cn", "【同心】新邀请", "正文",
                new OutgoingMail.Attachment("invite.ics", "text/calendar", ICS.getBytes(StandardCharsets.UTF_8))));
        long pending = enqueue(new OutgoingMail("wait@example.cn", "【同心】未发出", "正文"));
        assertThat(sender.sendDue()).isEqualTo(3);
        db.jdbc.sql("update mail_outbox set status = 'PENDING', sent_at = null where id = :id").param("id", pending).update();
        db.jdbc.sql("update mail_outbox set created_at = created_at - interval '91 days' where id in (:ids)")
                .param("ids", List.of(old, pending)).update();

        assertThat(sender.trimSent()).isEqualTo(1);

        Map<String, Object> trimmed = row(old);
        assertThat(trimmed.get("status")).isEqualTo("SENT");
        assertThat(trimmed.get("subject")).isEqualTo("【同心】旧邀请");
        assertThat(trimmed.get("body")).isEqualTo("");
        assertThat(trimmed.get("attachment")).isNull();
        assertThat(row(recent).get("attachment")).isNotNull();
        assertThat(row(pending).get("body")).isEqualTo("正文");
    }

    // --- helpers ---

    private OutboxSender sender(int batchSize, int maxAttempts) {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(port);
        mail.setDefaultEncoding("UTF-8");
        Properties props = new Properties();
        props.put("mail.smtp.connectiontimeout", "2000");
        props.put("mail.smtp.timeout", "5000");
        mail.setJavaMailProperties(props);
        return new OutboxSender(db.jdbc, db.transaction, mail,
                new OutboxSender.Settings("noreply@tongxin.test", batchSize, maxAttempts, Duration.ofMinutes(5)), clock);
    }

    private void startSmtp() {
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    private long enqueue(OutgoingMail mail) {
        db.transaction.executeWithoutResult(tx -> outbox.enqueue(mail));
        return db.jdbc.sql("select max(id) from mail_outbox").query(Long.class).single();
    }

    private Map<String, Object> row(long id) {
        return db.jdbc.sql("select * from mail_outbox where id = :id").param("id", id).query().singleRow();
    }

    private static String text(BodyPart part) throws MessagingException, IOException {
        return part.getContent().toString().replace("\r\n", "\n");
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
