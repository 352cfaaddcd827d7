package cn.tongxin.attendance;

import java.io.Serializable;

/** Names an occasion people sign in to: a class session ("SESSION", id), a lecture ("LECTURE", id)… */
public record OccasionRef(String kind, long id) implements Serializable {

    public OccasionRef {
        if (kind == null || !kind.matches("[A-Z_]{1,20}")) {
            throw new IllegalArgumentException("occasion kind");
        }
    }

    @Override
    public String toString() {
        return kind + ":" + id;
    }
}
