package cn.tongxin.rotation;

import cn.tongxin.Application;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;

/** A session of a class, with its sign-in window, for the timetable and for sign-in. */
public record SessionRow(long id, long classId, int version, String title, SessionKind kind, String speaker,
                         LocalDateTime startsAt, LocalDateTime endsAt, String place, BigDecimal hours,
                         int signInOpensBefore, int signInLateAfter, int signInClosesAfter) {

    public Instant start() {
        return startsAt.atZone(Application.ZONE).toInstant();
    }

    public Instant end() {
        return endsAt.atZone(Application.ZONE).toInstant();
    }

    public Instant signInOpensAt() {
        return start().minusSeconds(60L * signInOpensBefore);
    }

    public Instant lateAt() {
        return start().plusSeconds(60L * signInLateAfter);
    }

    public Instant signInClosesAt() {
        return start().plusSeconds(60L * signInClosesAfter);
    }

    public SessionData toData() {
        return new SessionData(title, kind, speaker, startsAt, endsAt, place, hours, signInOpensBefore, signInLateAfter,
                signInClosesAfter);
    }
}
