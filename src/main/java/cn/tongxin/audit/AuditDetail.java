package cn.tongxin.audit;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A detail of the audit log that the log's reader sees in their own language: a key of
 * {@code admin.audit.detail.*} and its arguments, stored as {@code i18n:key|arg|arg}. Details written before this
 * (free English text) are shown as they are.
 */
public final class AuditDetail {

    static final String PREFIX = "i18n:";
    private static final String SEPARATOR = "|";

    private AuditDetail() {
    }

    /** The stored form; an argument's own separators are replaced, so that it cannot add arguments of its own. */
    public static String of(String key, Object... args) {
        StringBuilder text = new StringBuilder(PREFIX).append(key);
        for (Object arg : args) {
            text.append(SEPARATOR).append(String.valueOf(arg).replace(SEPARATOR, "¦"));
        }
        return text.toString();
    }

    /** The key and arguments of a stored detail, if it is one. */
    public static Optional<Parsed> parse(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return Optional.empty();
        }
        List<String> parts = Arrays.asList(stored.substring(PREFIX.length()).split("\\|", -1));
        return Optional.of(new Parsed(parts.getFirst(), parts.subList(1, parts.size()).toArray()));
    }

    public record Parsed(String key, Object[] args) {
    }
}
