package cn.tongxin.lecture;

import java.io.Serializable;
import java.time.Instant;

/** One line of the report lists; {@code status} null means not filed yet (a report due). */
public record ReportRow(long lectureId, String lectureTitle, String unitName, String lecturers, Instant startsAt,
                        ReportStatus status, Integer actualCount, Instant filedAt, int photos) implements Serializable {
}
