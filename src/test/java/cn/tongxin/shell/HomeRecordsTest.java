package cn.tongxin.shell;

import cn.tongxin.TestUsers;
import cn.tongxin.ViewTest;
import cn.tongxin.record.EvidenceFile;
import cn.tongxin.record.SelfStudy;
import cn.tongxin.record.SelfStudyDraft;
import cn.tongxin.record.SelfStudyFixtures;
import cn.tongxin.record.SelfStudyKind;
import com.vaadin.flow.component.html.Div;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The home page tells a trainee of their self-study waiting or sent back, and a checker of the queue. */
class HomeRecordsTest extends ViewTest {

    @Autowired SelfStudy selfStudy;
    @Autowired SelfStudyFixtures fixtures;
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

    /** Studied today, so that the entry is in this year's queue whatever the date. */
    private static SelfStudyDraft today(String title) {
        return new SelfStudyDraft(title, LocalDate.now(cn.tongxin.Application.ZONE), SelfStudyKind.READING, BigDecimal.ONE, null);
    }

    @Test
    void a_trainee_sees_self_study_waiting_and_sent_back_and_the_checker_sees_the_queue_of_the_year() {
        SelfStudyFixtures.Person trainee = fixtures.trainee("home-rec", null);
        users.signIn(trainee.username());
        long returned = selfStudy.submit(today("读书笔记"), List.<EvidenceFile>of());
        selfStudy.submit(today("网络课程"), List.<EvidenceFile>of());
        users.signIn("checker");
        selfStudy.sendBack(returned, selfStudy.entry(returned).version(), "缺少学习内容");

        as(trainee.username());
        navigate(HomeView.class);
        assertThat($(Div.class).id("home-self-study-returned").getElement().getTextRecursively()).contains("1 条自学记录被退回");
        assertThat($(Div.class).id("home-self-study-pending").getElement().getTextRecursively()).contains("1 条自学记录等待审核");

        as("checker");
        long queued = selfStudy.queue(null, null, LocalDate.now(cn.tongxin.Application.ZONE).getYear(), 0, 1).total();
        navigate(HomeView.class);
        assertThat($(Div.class).id("home-self-study-queue").getElement().getTextRecursively())
                .contains("本年度 " + queued + " 条自学记录等待审核");
    }
}
