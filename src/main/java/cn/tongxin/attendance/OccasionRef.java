package cn.tongxin.attendance;

import java.io.Serializable;
import java.util.regex.Pattern;

/** Names an occasion people sign in to: a class session ("SESSION", id), a lecture ("LECTURE", id)… */
public record OccasionRef(String kind, long id) implements Serializable {

    private static final Pattern KIND = Pattern.compile("[A-Z_]{1,20}");

    public OccasionRef {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("occasion kind");
        }
    }

    /** {@code KIND:id}, as {@link #parse} reads it back. */
    @Override
    public String toString() {
        return kind + ":" + id;
    }

    /** The inverse of {@link #toString()}; an {@link IllegalArgumentException} for anything else. */
    public static OccasionRef parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("occasion reference");
        }
        return new OccasionRef(text.substring(0, colon), Long.parseLong(text.substring(colon + 1)));
    }
}
