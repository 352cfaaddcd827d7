package cn.tongxin.base;

import cn.tongxin.Application;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Times as people read them in the department: Shanghai time. */
public final class Formats {

    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(Application.ZONE);
    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(Application.ZONE);

    private Formats() {
    }

    public static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    public static String dateTime(Instant at) {
        return at == null ? "" : DATE_TIME.format(at);
    }
}
