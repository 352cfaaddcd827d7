package cn.tongxin.base;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Chooses the keys that sign door codes and personal kiosk codes ({@code tongxin.security.token-key}) and
 * remembered logins ({@code tongxin.security.remember-me-key}) before any bean reads them. A key set in the
 * environment ({@code TONGXIN_TOKEN_KEY}, {@code TONGXIN_REMEMBER_ME_KEY}) is used as it is. Otherwise: with the
 * embedded database in a data folder, the random keys kept beside it ({@link DataFolderSecrets}); with the
 * throw-away embedded database (tests, no data folder), random keys for this JVM; with an external database the
 * portal refuses to start, since several instances must share keys nobody else knows. The public strings that
 * were the defaults before never count as set. See docs/design-decisions/008.
 */
class SigningKeys implements EnvironmentPostProcessor, Ordered {

    /** What each key is set with, for the message when one is missing. */
    private static final Map<String, String> VARIABLES = new LinkedHashMap<>();

    static {
        VARIABLES.put(DataFolderSecrets.TOKEN_KEY, "TONGXIN_TOKEN_KEY");
        VARIABLES.put(DataFolderSecrets.REMEMBER_ME_KEY, "TONGXIN_REMEMBER_ME_KEY");
    }

    /** The defaults of earlier versions: published in the source, so anybody could sign with them. */
    static final Set<String> PUBLIC_DEFAULTS = Set.of("tongxin-dev-token-key-change-me", "tongxin-change-me-in-production");
    private static final Map<String, String> THROW_AWAY_KEYS = Map.of(
            DataFolderSecrets.TOKEN_KEY, DataFolderSecrets.random(),
            DataFolderSecrets.REMEMBER_ME_KEY, DataFolderSecrets.random());

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1; // after application.properties is read
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean embedded = environment.getProperty("spring.datasource.url", "").isBlank();
        String dataDir = environment.getProperty("tongxin.embedded-db.dir", "");
        Properties kept = embedded && !dataDir.isBlank() ? DataFolderSecrets.loadOrCreate(Path.of(dataDir)) : null;
        Map<String, Object> chosen = new HashMap<>();
        for (String key : VARIABLES.keySet()) {
            String value = environment.getProperty(key, "");
            if (!value.isBlank() && !PUBLIC_DEFAULTS.contains(value)) {
                continue;
            }
            if (!embedded) {
                throw new IllegalStateException(missingKeysMessage());
            }
            chosen.put(key, kept != null ? kept.getProperty(key) : THROW_AWAY_KEYS.get(key));
        }
        if (!chosen.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("tongxin-signing-keys", chosen));
        }
    }

    static String missingKeysMessage() {
        return "Not starting: with an external database (SPRING_DATASOURCE_URL) the signing keys must be set in the "
                + "environment: " + String.join(" and ", VARIABLES.values()) + ", each a long random string (e.g. "
                + "`openssl rand -base64 32`), the same on every instance. The old built-in defaults are public: door "
                + "codes and remembered logins signed with them would let anybody in.";
    }
}
