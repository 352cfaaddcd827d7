package cn.tongxin.lecture;

import java.io.Serializable;
import java.time.Instant;

/** One lecture in the calendar and lists. {@code lecturers} are the names, joined. */
public record LectureRow(long id, String title, String topicTitle, long unitId, String unitName, String lecturers,
                         String where, Instant startsAt, Instant endsAt, LectureStatus status, int expectedCount)
        implements Serializable {
}
