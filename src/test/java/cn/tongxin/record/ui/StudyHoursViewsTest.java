package cn.tongxin.record.ui;

import cn.tongxin.Application;
import cn.tongxin.TestUsers;
import cn.tongxin.ViewTest;
import cn.tongxin.record.EvidenceFile;
import cn.tongxin.record.SelfStudy;
import cn.tongxin.record.SelfStudyDraft;
import cn.tongxin.record.SelfStudyFixtures;
import cn.tongxin.record.SelfStudyKind;
import cn.tongxin.record.StudyHourRules;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.BigDecimalField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static cn.tongxin.record.SelfStudyFixtures.HOSTILE;
import static org.assertj.core.api.Assertions.assertThat;

class StudyHoursViewsTest extends ViewTest {

    @Autowired SelfStudy selfStudy;
    @Autowired SelfStudyFixtures fixtures;
    @Autowired StudyHourRules rules;
    @Autowired TestUsers users;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private void as(String username) {
        users.signIn(username);
        cleanVaadinEnvironment();
        initVaadinEnvironment();
    }

    private long entry(SelfStudyFixtures.Person t, String title, String hours, boolean verify) {
        users.signIn(t.username());
        LocalDate on = LocalDate.now(Application.ZONE).minusDays(1);
        if (on.getYear() != LocalDate.now(Application.ZONE).getYear()) {
            on = on.plusDays(1);
        }
        long id = selfStudy.submit(new SelfStudyDraft(title, on, SelfStudyKind.READING, new BigDecimal(hours), null),
                List.of(new EvidenceFile("笔记.pdf", SelfStudyFixtures.pdf())));
        if (verify) {
            users.signIn("checker");
            selfStudy.verify(id, selfStudy.entry(id).version());
        }
        return id;
    }

    @Test
    void my_archive_shows_the_total_against_the_target_self_study_over_the_cap_and_pending_and_a_hostile_title_as_text() {
        users.signIn("admin");
        rules.update(new BigDecimal("4"), new BigDecimal("20"), new BigDecimal("50"), Map.of(), rules.rules().version());
        SelfStudyFixtures.Person t = fixtures.trainee("hours-view", null);
        long over = entry(t, HOSTILE, "6", true);
        long pending = entry(t, "待审的自学", "2", false);

        as(t.username());
        navigate(MyArchiveView.class);
        assertThat($(Span.class).id("archive-progress").getText()).isEqualTo("已完成 4 / 目标 50 学时");
        assertThat($(Span.class).id("archive-ss-title-" + over).getText()).isEqualTo(HOSTILE);
        assertThat($(Div.class).id("archive-selfstudy").getElement().getOuterHTML()).doesNotContain("<img");
        assertThat($(Span.class).id("archive-ss-counted-" + over).getText()).isEqualTo("计入 4 / 6 学时");
        assertThat($(Span.class).id("archive-ss-reason-" + over).getText()).isEqualTo("超出每条自学上限，超出部分不计入");
        assertThat($(Span.class).id("archive-ss-reason-" + pending).getText()).isEqualTo("待审核，不计入学时");
        assertThat($(Span.class).id("archive-hours-why").getText()).contains("自学超出上限 2 学时").contains("自学未审核或已退回 1 条");
        assertThat($(Anchor.class).id("archive-pdf").getText()).isEqualTo("下载 PDF");
    }

    @Test
    void the_administrator_sets_the_caps_and_the_default_target_in_admin_study_hours() {
        as("admin");
        navigate(StudyHoursView.class);
        $(BigDecimalField.class).id("hours-entry-cap").setValue(new BigDecimal("5"));
        $(BigDecimalField.class).id("hours-year-cap").setValue(new BigDecimal("30"));
        $(BigDecimalField.class).id("hours-default-target").setValue(new BigDecimal("48"));
        test($(Button.class).id("hours-save")).click();
        users.signIn("admin");
        assertThat(rules.rules().entryCap()).isEqualByComparingTo("5");
        assertThat(rules.rules().yearCap()).isEqualByComparingTo("30");
        assertThat(rules.rules().defaultTarget()).isEqualByComparingTo("48");
        rules.update(new BigDecimal("4"), new BigDecimal("20"), new BigDecimal("50"), Map.of(), rules.rules().version());
    }
}
