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

    @Override
    public String toString() {
        return kind + ":" + id;
    }
}
