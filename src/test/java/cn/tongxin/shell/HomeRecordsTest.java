package cn.tongxin.shell;

import cn.tongxin.TestUsers;
import cn.tongxin.ViewTest;
import cn.tongxin.record.EvidenceFile;
import cn.tongxin.record.SelfStudy;
import cn.tongxin.record.SelfStudyDraft;
import cn.tongxin.record.SelfStudyFixtures;
import cn.tongxin.record.SelfStudyKind;
import cn.tongxin.record.SpotChecks;
import com.vaadin.flow.component.html.Div;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The home page tells a trainee of their self-study waiting or sent back, a checker of the queue and open spot checks, an organizer of questioned records. */
class HomeRecordsTest extends ViewTest {

    @Autowired SelfStudy selfStudy;
    @Autowired SelfStudyFixtures fixtures;
    @Autowired TestUsers users;
    @Autowired SpotChecks spotChecks;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

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

    @Test
    void a_checker_is_told_of_a_spot_check_not_finished_and_the_organizer_of_a_questioned_record() {
        users.signIn("checker");
        long province = jdbc.sql("select id from unit where parent_id is null").query(Long.class).single();
        int year = jdbc.sql("select max(year) from study_record").query(Integer.class).single();
        long check = spotChecks.draw(province, year, 2);
        SpotChecks.Item first = spotChecks.items(check).getFirst();
        spotChecks.decide(first.id(), SpotChecks.Verdict.QUESTIONED, "签到时间与课程时间不符");

        as("checker");
        navigate(HomeView.class);
        assertThat($(Div.class).id("home-spot-checks").getElement().getTextRecursively()).contains("个抽查尚未完成");

        as("organizer");
        navigate(HomeView.class);
        assertThat($(Div.class).id("home-questioned").getElement().getTextRecursively()).contains("条抽查存疑的记录等待您答复");
    }
}
