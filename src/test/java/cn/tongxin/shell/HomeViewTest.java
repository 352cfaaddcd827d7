package cn.tongxin.shell;

import cn.tongxin.ViewTest;
import com.vaadin.flow.component.html.H2;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;

class HomeViewTest extends ViewTest {

    @Test
    @WithUserDetails("qingzhou")
    void home_greets_the_signed_in_organizer_by_name() {
        navigate(HomeView.class);
        assertThat($(H2.class).id("home-greeting").getText()).isEqualTo("您好，青州市委统战部");
    }
}
