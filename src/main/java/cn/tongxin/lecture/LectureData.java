package cn.tongxin.lecture;

import cn.tongxin.people.Audience;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * A lecture as an organizer edits it: the topic, the lecturers (the group, if any, they come from), when and where,
 * the organizing unit, the audience invited and how many are expected, the study hours and the sign-in window
 * (minutes before the start it opens, after the start it turns late and closes).
 */
public record LectureData(long topicId, String title, long unitId, Long groupId, Set<Long> lecturerIds, Long venueId,
                          String place, Instant startsAt, Instant endsAt, int expectedCount, BigDecimal hours,
                          Audience audience, int opensBefore, int lateAfter, int closesAfter) implements Serializable {

    public static final int TITLE_MAX = 200;
    public static final int PLACE_MAX = 200;
    public static final int REASON_MAX = 1000;
    public static final int OPENS_BEFORE = 30;
    public static final int LATE_AFTER = 10;
    public static final int CLOSES_AFTER = 60;

    public LectureData {
        lecturerIds = lecturerIds == null ? Set.of() : Set.copyOf(lecturerIds);
        audience = audience == null ? Audience.NOBODY : audience;
        hours = hours == null ? BigDecimal.valueOf(2) : hours;
    }

    /** The same lecture at another time (for accepting an order at a proposed time, or a copy). */
    public LectureData at(Instant start, Instant end) {
        return new LectureData(topicId, title, unitId, groupId, lecturerIds, venueId, place, start, end, expectedCount, hours,
                audience, opensBefore, lateAfter, closesAfter);
    }
}
