package cn.tongxin.attendance.ui;

import cn.tongxin.Application;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Times as people read them in the department: Shanghai time. */
final class Formats {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(Application.ZONE);
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(Application.ZONE);

    private Formats() {
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    static String dateTime(Instant at) {
        return at == null ? "" : DATE_TIME.format(at);
    }
}
