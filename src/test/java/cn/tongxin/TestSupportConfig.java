package cn.tongxin;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
public class TestSupportConfig {

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock(Application.ZONE);
    }

    @Bean
    TestOccasions testOccasions() {
        return new TestOccasions();
    }
}
