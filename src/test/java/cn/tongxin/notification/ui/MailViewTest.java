package cn.tongxin.notification.ui;

import cn.tongxin.ViewTest;
import cn.tongxin.notification.MailOutbox;
import cn.tongxin.notification.MailRow;
import cn.tongxin.notification.MailStatus;
import cn.tongxin.notification.OutgoingMail;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@WithUserDetails("admin")
class MailViewTest extends ViewTest {

    @Autowired
    MailOutbox outbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void without_smtp_the_page_says_so_and_a_test_mail_waits_as_pending() {
        String to = "t" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        navigate(MailView.class);
        assertThat($(Div.class).id("mail-not-configured").getElement().getText() + text($(Div.class).id("mail-not-configured")))
                .contains("尚未配置邮件服务器");
        long pendingBefore = count(MailStatus.PENDING);

        test($(EmailField.class).id("mail-test-address")).setValue(to);
        test($(Button.class).id("mail-test-send")).click();

        assertThat(count(MailStatus.PENDING)).isEqualTo(pendingBefore + 1);
        test($(TextField.class).id("mail-text-filter")).setValue(to);
        Grid<MailRow> grid = grid();
        assertThat(test(grid).size()).isEqualTo(1);
        MailRow row = test(grid).getRow(0);
        assertThat(row.subject()).isEqualTo("【同心】测试邮件");
        assertThat(row.status()).isEqualTo(MailStatus.PENDING);
        assertThat(test(grid).getCellText(0, 0)).isEqualTo(to);
    }

    @Test
    void a_failed_mail_is_found_by_status_and_sent_again() {
        String to = "f" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        transaction.executeWithoutResult(s -> outbox.enqueue(new OutgoingMail(to, "【同心】通知", "正文")));
        long id = jdbc.sql("update mail_outbox set status = 'FAILED', attempts = 8, last_error = 'MailSendException: 550 no such user' where recipient = :to returning id")
                .param("to", to).query(Long.class).single();
        navigate(MailView.class);

        @SuppressWarnings("unchecked")
        Select<MailStatus> status = $(Select.class).id("mail-status-filter");
        test(status).selectItem("发送失败");
        test($(TextField.class).id("mail-text-filter")).setValue(to);
        Grid<MailRow> grid = grid();
        assertThat(test(grid).size()).isEqualTo(1);
        assertThat(test(grid).getRow(0).lastError()).contains("550");
        Component actions = test(grid).getCellComponent(0, grid.getColumns().size() - 1);
        test((Button) actions).click();

        assertThat(jdbc.sql("select status || ':' || attempts from mail_outbox where id = :id").param("id", id)
                .query(String.class).single()).isEqualTo("PENDING:0");
        assertThat(test(grid).size()).as("no longer among the failed").isZero();
    }

    private long count(MailStatus status) {
        return Long.parseLong($(Span.class).id("mail-count-" + status.name()).getText());
    }

    @SuppressWarnings("unchecked")
    private Grid<MailRow> grid() {
        return $(Grid.class).id("mail-grid");
    }

    private static String text(Component c) {
        return c.getElement().getTextRecursively();
    }
}
