package cn.tongxin.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * For tests of other features on the shared database: the real {@link OutboxSender} delivers the pending mails of
 * the given recipients to a GreenMail SMTP server, and only theirs. The other tests' pending mails are held by a
 * second transaction's row locks meanwhile, which the sender's claim ({@code FOR UPDATE SKIP LOCKED}) passes over,
 * as it passes over rows another instance is sending; they stay as they were.
 */
public final class OutboxDelivery {

    private OutboxDelivery() {
    }

    /** Sends the due mails to {@code recipients} through SMTP and returns what the server received, in order. */
    public static List<MimeMessage> deliver(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
                                            Collection<String> recipients) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(s -> {
            jdbc.sql("select id from mail_outbox where status = 'PENDING' and recipient not in (:mine) for update")
                    .param("mine", recipients).query(Long.class).list();
            held.countDown();
            try {
                done.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            if (!held.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("could not hold the other mails");
            }
            OutboxSender sender = new OutboxSender(jdbc, transaction, mailSender(port),
                    new OutboxSender.Settings("noreply@tongxin.test", 50, 8, Duration.ofMinutes(5)), clock);
            while (sender.sendDue() > 0) {
                // until none of theirs is due
            }
            return List.of(smtp.getReceivedMessages());
        } finally {
            done.countDown();
            holder.get(30, TimeUnit.SECONDS);
            smtp.stop();
        }
    }

    private static JavaMailSenderImpl mailSender(int port) throws IOException {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(port);
        mail.setDefaultEncoding("UTF-8");
        Properties props = new Properties();
        props.put("mail.smtp.connectiontimeout", "2000");
        props.put("mail.smtp.timeout", "5000");
        mail.setJavaMailProperties(props);
        return mail;
    }
}
