package cn.tongxin.base;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The signing keys as a started application sees them (application.properties and the post-processor registered
 * in spring.factories, on an empty context: no database is started).
 */
class SigningKeysTest {

    private static final String TOKEN = "tongxin.security.token-key";
    private static final String REMEMBER_ME = "tongxin.security.remember-me-key";

    @Configuration(proxyBeanMethods = false)
    static class Nothing {
    }

    @Test
    void with_a_data_folder_random_keys_are_generated_on_the_first_start_and_the_same_ones_used_after_a_restart(@TempDir Path data)
            throws Exception {
        List<String> first = keys("--tongxin.embedded-db.dir=" + data.resolve("pg"));
        List<String> second = keys("--tongxin.embedded-db.dir=" + data.resolve("pg"));
        assertThat(first).allSatisfy(key -> assertThat(key).hasSizeGreaterThanOrEqualTo(43).isNotIn(SigningKeys.PUBLIC_DEFAULTS));
        assertThat(first.get(0)).isNotEqualTo(first.get(1));
        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(data.resolve("secrets.properties"))).contains(first.get(0), first.get(1));
        // another data folder, another portal: other keys
        assertThat(keys("--tongxin.embedded-db.dir=" + data.resolve("other/pg"))).doesNotContainAnyElementsOf(first);
    }

    @Test
    void keys_set_in_the_environment_win_over_the_kept_ones(@TempDir Path data) {
        assertThat(keys("--tongxin.embedded-db.dir=" + data.resolve("pg"), "--TONGXIN_TOKEN_KEY=set-by-the-operator-0123456789",
                "--TONGXIN_REMEMBER_ME_KEY=also-set-by-the-operator-0123456789"))
                .containsExactly("set-by-the-operator-0123456789", "also-set-by-the-operator-0123456789");
    }

    @Test
    void with_an_external_database_and_no_keys_the_portal_refuses_to_start() {
        assertThatThrownBy(() -> keys("--spring.datasource.url=jdbc:postgresql://localhost:1/tongxin"))
                .hasStackTraceContaining("TONGXIN_TOKEN_KEY").hasStackTraceContaining("TONGXIN_REMEMBER_ME_KEY");
    }

    @Test
    void with_an_external_database_the_old_public_default_keys_count_as_missing() {
        assertThatThrownBy(() -> keys("--spring.datasource.url=jdbc:postgresql://localhost:1/tongxin",
                "--TONGXIN_TOKEN_KEY=tongxin-dev-token-key-change-me", "--TONGXIN_REMEMBER_ME_KEY=tongxin-change-me-in-production"))
                .hasStackTraceContaining("Not starting").hasStackTraceContaining("TONGXIN_TOKEN_KEY");
        assertThat(keys("--spring.datasource.url=jdbc:postgresql://localhost:1/tongxin",
                "--TONGXIN_TOKEN_KEY=k1-0123456789abcdef", "--TONGXIN_REMEMBER_ME_KEY=k2-0123456789abcdef"))
                .containsExactly("k1-0123456789abcdef", "k2-0123456789abcdef");
    }

    @Test
    void the_throw_away_database_of_the_tests_gets_random_keys_that_hold_for_the_whole_jvm() {
        List<String> keys = keys("--tongxin.embedded-db.dir=");
        assertThat(keys).allSatisfy(key -> assertThat(key).hasSizeGreaterThanOrEqualTo(43).isNotIn(SigningKeys.PUBLIC_DEFAULTS));
        assertThat(keys("--tongxin.embedded-db.dir=")).isEqualTo(keys);
    }

    private static List<String> keys(String... args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Nothing.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(args)) {
            Environment env = context.getEnvironment();
            return List.of(env.getRequiredProperty(TOKEN), env.getRequiredProperty(REMEMBER_ME));
        }
    }
}
