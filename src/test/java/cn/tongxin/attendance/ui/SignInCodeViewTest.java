package cn.tongxin.attendance.ui;

import cn.tongxin.MutableClock;
import cn.tongxin.TestOccasions;
import cn.tongxin.TestUsers;
import cn.tongxin.ViewTest;
import cn.tongxin.attendance.Occasion;
import cn.tongxin.attendance.SignInService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The page where a trainee types the door code: after too many wrong ones it says how long to wait. */
class SignInCodeViewTest extends ViewTest {

    @Autowired SignInService signIn;
    @Autowired TestOccasions occasions;
    @Autowired TestUsers users;
    @Autowired MutableClock clock;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void tearDown() {
        clock.reset();
        SecurityContextHolder.clearContext();
    }

    @Test
    void after_five_wrong_codes_the_page_says_to_wait_or_ask_the_staff_even_for_the_right_code() {
        Instant opens = Instant.parse("2026-09-03T00:30:00Z");
        clock.set(opens.plus(Duration.ofMinutes(2)));
        String username = "door-view-" + UUID.randomUUID().toString().substring(0, 8);
        long person = users.newTrainee(username);
        String province = jdbc.sql("select path from unit where parent_id is null").query(String.class).single();
        Occasion occasion = occasions.add("口令页面测试课", province, opens, opens.plus(Duration.ofMinutes(35)),
                opens.plus(Duration.ofMinutes(90)), Set.of(person));
        users.signIn("organizer");
        String right = signIn.doorCode(occasion.ref()).code();
        String wrong = right.equals("000000") ? "111111" : "000000";

        users.signIn(username);
        // The mocked request takes its user when the Vaadin environment starts: start it again as this user.
        cleanVaadinEnvironment();
        initVaadinEnvironment();
        navigate(SignInCodeView.class);
        for (int i = 0; i < 5; i++) {
            type(wrong);
            assertThat(result()).contains("签到码不正确");
        }
        type(right);
        assertThat(result()).contains("尝试次数过多，请 10 分钟后再试，或请工作人员协助签到。");
    }

    private void type(String code) {
        test($(TextField.class).id("door-code")).setValue(code);
        test($(Button.class).id("submit-code")).click();
    }

    private String result() {
        return $(Div.class).id("sign-in-result").getElement().getTextRecursively();
    }
}
