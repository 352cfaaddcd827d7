package cn.tongxin.base;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The public address in QR codes and mails follows the port the portal runs on, unless it is set. */
class BaseUrlDefaultTest {

    private static String baseUrlWith(Map<String, Object> environment) throws Exception {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("env", environment));
        env.getPropertySources().addLast(new ResourcePropertySource(new ClassPathResource("application.properties")));
        return env.getProperty("tongxin.base-url");
    }

    @Test
    void the_base_url_follows_the_port_unless_it_is_set() throws Exception {
        assertThat(baseUrlWith(Map.of())).isEqualTo("http://localhost:8080");
        assertThat(baseUrlWith(Map.of("PORT", "9191"))).isEqualTo("http://localhost:9191");
        assertThat(baseUrlWith(Map.of("PORT", "9191", "TONGXIN_BASE_URL", "https://tongxin.example.cn")))
                .isEqualTo("https://tongxin.example.cn");
    }
}
