package cn.tongxin.security;

import cn.tongxin.base.DomainException;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a new password must be (OWASP ASVS 5.0, V6.2): at least {@value #MIN} characters, no rules on its
 * composition, not a common password (a list of a few thousand, compared ignoring case), and not built on the
 * account's own name. Passwords issued by the portal (random, one-time) meet it by construction.
 */
@Component
public class PasswordPolicy {

    public static final int MIN = 12;
    /** ASVS asks that 64 characters be allowed; bcrypt reads 72 bytes, which 64 Latin characters always fit. */
    public static final int MAX = 64;
    static final int MAX_BYTES = 72;
    private static final String COMMON_LIST = "/security/common-passwords.txt";

    private final Set<String> common;

    PasswordPolicy() {
        try (var in = Objects.requireNonNull(PasswordPolicy.class.getResourceAsStream(COMMON_LIST), COMMON_LIST);
             var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            common = lines.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Refuses a password that breaks the policy, with a message key saying why.
     *
     * @param personal the account's username and display name: a password built on them is easily guessed
     */
    public void check(String password, String... personal) {
        if (password == null || password.codePointCount(0, password.length()) < MIN) {
            throw new DomainException("account.error.password-short", MIN);
        }
        if (password.codePointCount(0, password.length()) > MAX || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new DomainException("account.error.password-long", MAX);
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower) || lower.chars().distinct().count() < 4) {
            throw new DomainException("account.error.password-common");
        }
        for (String word : personal) {
            String w = word == null ? "" : word.trim().toLowerCase(Locale.ROOT);
            // Chinese names are two or three characters; Latin names and usernames count from three.
            int shortest = w.chars().anyMatch(c -> c > 0x7f) ? 2 : 3;
            if (w.length() >= shortest && lower.contains(w) || !w.isEmpty() && lower.equals(w)) {
                throw new DomainException("account.error.password-personal");
            }
        }
    }

    /** How many passwords the common list holds (for tests and the design note). */
    int commonCount() {
        return common.size();
    }
}
