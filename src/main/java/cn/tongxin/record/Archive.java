package cn.tongxin.record;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/**
 * A person's study archive for a year (一人一档): the classes completed, sessions and lectures with their attendance,
 * the hours that count, and what does not count and why (absent, on leave, class not completed). Self-study: the
 * verified entries with the hours the caps let count, and the entries not yet verified. {@code countedHours} is the
 * year's total (sessions and lectures attended plus self-study within its caps), {@code target} the person's target.
 */
public record Archive(long personId, String personName, int year, List<ArchiveEntry> completed, List<ArchiveEntry> sessions,
                      List<ArchiveEntry> lectures, List<NotCompleted> notCompleted, BigDecimal countedHours,
                      int absentCount, BigDecimal absentHours, int leaveCount, BigDecimal leaveHours,
                      List<SelfStudyLine> selfStudy, BigDecimal selfStudyCounted, BigDecimal target) implements Serializable {

    /** Hours of verified self-study the caps leave out. */
    public BigDecimal selfStudyOverCap() {
        return selfStudy.stream().filter(s -> s.recordId() != null).map(s -> s.hours().subtract(s.counted()))
                .reduce(BigDecimal.ZERO.setScale(1), BigDecimal::add);
    }

    /** Entries waiting for a checker or sent back: none of their hours count. */
    public long selfStudyNotVerified() {
        return selfStudy.stream().filter(s -> s.recordId() == null).count();
    }

    public boolean isEmpty() {
        return completed.isEmpty() && sessions.isEmpty() && lectures.isEmpty() && notCompleted.isEmpty() && selfStudy.isEmpty();
    }
}
