package cn.tongxin;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.lumo.Lumo;
import com.vaadin.flow.component.dependency.StyleSheet;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;
import java.time.ZoneId;

/**
 * Tongxin (同心): the United Front theoretical study and training portal.
 */
@SpringBootApplication
@EnableScheduling
@Push
@Meta(name = "viewport", content = "width=device-width, initial-scale=1")
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles.css")
public class Application implements AppShellConfigurator {

    /** Everything the department does happens in China's one time zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public static void main(String[] args) {
        SpringApplication.run(Application.class, args);
    }

    /** Time comes from this clock so that tests can stand at any moment. */
    @Bean
    Clock clock() {
        return Clock.system(ZONE);
    }
}
