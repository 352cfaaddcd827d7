package cn.tongxin.lecture;

import java.io.Serializable;

/** A stored photo of a report (its bytes come through {@link LectureReports#photo} and {@link LectureReports#thumbnail}). */
public record ReportPhoto(long id, String fileName, String contentType) implements Serializable {
}
