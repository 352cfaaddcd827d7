package cn.tongxin.notification;

import cn.tongxin.IntegrationTest;
import cn.tongxin.base.DomainException;
import cn.tongxin.base.Translations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class MailServiceTest {

    @Autowired
    MailService mail;
    @Autowired
    MailOutbox outbox;
    @Autowired
    MailTemplates templates;
    @Autowired
    OutboxSender sender;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void the_application_starts_without_smtp_and_leaves_mails_pending() {
        // Spring Boot 4.0.7 still makes a JavaMailSender ("mailSender") for the empty spring.mail.host of
        // application.properties (its condition only rejects "false"); the sender must not use it.
        assertThat(mail.smtpConfigured()).isFalse();
        assertThat(mail.smtpServer()).isEmpty();
        String to = unique() + "@example.cn";
        transaction.executeWithoutResult(s -> outbox.enqueue(new OutgoingMail(to, "【同心】通知", "正文")));

        assertThat(sender.sendDue()).isZero();
        sender.run();

        assertThat(jdbc.sql("select status || ':' || attempts from mail_outbox where recipient = :to").param("to", to)
                .query(String.class).single()).isEqualTo("PENDING:0");
    }

    @Test
    @WithUserDetails("admin")
    void an_administrator_resends_a_failed_mail_with_a_fresh_count_of_attempts() {
        String to = unique() + "@example.cn";
        long id = failedMail(to);

        mail.resend(id);

        assertThat(jdbc.sql("select status || ':' || attempts from mail_outbox where id = :id").param("id", id)
                .query(String.class).single()).isEqualTo("PENDING:0");
        assertThatThrownBy(() -> mail.resend(id)).isInstanceOf(DomainException.class)
                .hasMessage("mail.error.not-failed");
        assertThat(jdbc.sql("select count(*) from audit_event where target_type = 'MAIL' and target_id = :id and detail = :detail")
                .param("id", id).param("detail", cn.tongxin.audit.AuditDetail.of("mail.resend")).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    @WithUserDetails("admin")
    void the_list_filters_by_status_and_text_and_counts_by_status() {
        String tag = unique();
        long failed = failedMail(tag + "-a@example.cn");
        transaction.executeWithoutResult(s -> outbox.enqueue(new OutgoingMail(tag + "-b@example.cn", "【同心】通知", "正文")));
        long failedBefore = mail.countByStatus().get(MailStatus.FAILED);

        var all = mail.search(null, tag, 0, 10);
        var onlyFailed = mail.search(MailStatus.FAILED, tag, 0, 10);

        assertThat(all.total()).isEqualTo(2);
        assertThat(all.items()).extracting(MailRow::recipient).containsExactlyInAnyOrder(tag + "-a@example.cn", tag + "-b@example.cn");
        assertThat(onlyFailed.items()).extracting(MailRow::id).containsExactly(failed);
        assertThat(mail.count(MailStatus.PENDING, tag)).isEqualTo(1);
        assertThat(failedBefore).isPositive();
        mail.resend(failed);
        assertThat(mail.countByStatus().get(MailStatus.FAILED)).isEqualTo(failedBefore - 1);
    }

    @Test
    @WithUserDetails("admin")
    void a_test_mail_is_queued_in_the_callers_language_and_a_bad_address_is_refused() {
        String to = unique() + "@example.cn";

        mail.sendTest(to, Locale.ENGLISH);

        var row = mail.search(MailStatus.PENDING, to, 0, 1).items().getFirst();
        assertThat(row.subject()).isEqualTo("[Tongxin] Test mail");
        assertThatThrownBy(() -> mail.sendTest("not an address", Locale.CHINESE)).isInstanceOf(DomainException.class)
                .hasMessage("mail.error.address");
    }

    @Test
    @WithUserDetails("organizer")
    void an_organizer_may_not_read_or_resend_the_outbox() {
        assertThatThrownBy(() -> mail.search(null, null, 0, 10)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> mail.countByStatus()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> mail.resend(1)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> mail.sendTest("x@example.cn", Locale.CHINESE)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void templates_render_chinese_and_english_with_the_portal_address() {
        var zh = templates.render(Translations.CHINESE, MailTemplates.ACCOUNT_CREATED, "张三", "13800000000");
        var en = templates.render(Locale.ENGLISH, MailTemplates.PASSWORD_RESET, "Zhang San", "zhangsan");

        assertThat(zh.subject()).isEqualTo("【同心】您的平台账号已开通");
        assertThat(zh.body()).startsWith("张三，您好").contains("用户名：13800000000").endsWith("请勿直接回复。")
                .contains(templates.baseUrl());
        assertThat(en.subject()).isEqualTo("[Tongxin] Your password has been reset");
        assertThat(en.body()).startsWith("Dear Zhang San,").contains("(username: zhangsan)");
        assertThatThrownBy(() -> templates.render(Locale.ENGLISH, "mail.no-such-template"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private long failedMail(String to) {
        transaction.executeWithoutResult(s -> outbox.enqueue(new OutgoingMail(to, "【同心】通知", "正文")));
        return jdbc.sql("""
                        update mail_outbox set status = 'FAILED', attempts = 8, last_error = 'MailSendException: refused'
                        where recipient = :to returning id""")
                .param("to", to).query(Long.class).single();
    }

    private static String unique() {
        return "mail-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
