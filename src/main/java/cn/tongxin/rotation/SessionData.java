package cn.tongxin.rotation;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * One session (课次) as an organizer edits it; times are local (Asia/Shanghai). The sign-in window opens
 * {@code signInOpensBefore} minutes before the start, counts as late after {@code signInLateAfter} minutes and
 * closes {@code signInClosesAfter} minutes after the start.
 */
public record SessionData(String title, SessionKind kind, String speaker, LocalDateTime startsAt, LocalDateTime endsAt,
                          String place, BigDecimal hours, int signInOpensBefore, int signInLateAfter,
                          int signInClosesAfter) {

    public static final int OPENS_BEFORE_DEFAULT = 30;
    public static final int LATE_AFTER_DEFAULT = 10;
    public static final int CLOSES_AFTER_DEFAULT = 60;

    public SessionData {
        hours = hours == null ? BigDecimal.ZERO : hours;
    }
}
