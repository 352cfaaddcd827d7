package cn.tongxin.shell;

import cn.tongxin.MutableClock;
import cn.tongxin.TestOccasions;
import cn.tongxin.ViewTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The home page: what is coming up for a trainee (signing in from there), and shortcuts to what the caller may open. */
class HomeViewTest extends ViewTest {

    @Autowired TestOccasions occasions;
    @Autowired MutableClock clock;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    @WithUserDetails("trainee")
    void a_trainee_sees_an_open_sign_in_first_and_signs_in_from_the_home_page() {
        long trainee = jdbc.sql("select person_id from account where username = 'trainee'").query(Long.class).single();
        String province = jdbc.sql("select path from unit where parent_id is null").query(String.class).single();
        Instant opens = Instant.parse("2026-10-12T00:30:00Z");
        occasions.add("首页签到测试课", province, opens, opens.plus(Duration.ofMinutes(35)), opens.plus(Duration.ofMinutes(90)),
                Set.of(trainee));
        clock.set(opens.plus(Duration.ofMinutes(5)));

        navigate(HomeView.class);

        Div first = $(Div.class).withClassName("tx-agenda-item").first();
        assertThat(first.getElement().getTextRecursively()).contains("首页签到测试课", "正在签到", "2026-10-12 08:55");
        test($(Button.class).withClassName("tx-agenda-sign-in").first()).click();
        assertThat(UI.getCurrent().getCurrentView().getClass().getSimpleName()).isEqualTo("SignInCodeView");
    }

    @Test
    @WithUserDetails("checker")
    void an_account_without_a_person_record_gets_shortcuts_to_its_pages_and_no_agenda() {
        navigate(HomeView.class);

        assertThat($(Div.class).withId("home-agenda").exists()).isFalse();
        List<String> shortcuts = $(Anchor.class).withClassName("tx-shortcut").all().stream()
                .map(a -> a.getElement().getTextRecursively()).toList();
        assertThat(shortcuts).contains("签到异常").doesNotContain("签到", "首页");
        assertThat($(Anchor.class).withClassName("tx-shortcut").all()).extracting(Anchor::getHref)
                .contains("/attendance/anomalies");
    }
}
