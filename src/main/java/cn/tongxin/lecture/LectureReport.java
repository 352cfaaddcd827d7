package cn.tongxin.lecture;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * A lecture's report as its page shows it. Before the first filing {@code status} is null and {@code actualCount} is
 * the count from the sign-ins; {@code fromSignIns} is always that count, for comparison. {@code canFile}: the caller
 * is a lecturer of it and may file or change it now; {@code canReview}: the caller may accept or return it now.
 */
public record LectureReport(long lectureId, String lectureTitle, String topicTitle, String unitName, Instant startsAt,
                            Instant endsAt, LectureStatus lectureStatus, String lecturers, ReportStatus status,
                            int actualCount, int fromSignIns, String summary, String reviewNote, String filedBy,
                            Instant filedAt, String reviewedBy, Instant reviewedAt, int version,
                            List<ReportPhoto> photos, boolean lecturer, boolean begun, boolean canFile,
                            boolean canReview) implements Serializable {

    public boolean filed() {
        return status != null;
    }
}
