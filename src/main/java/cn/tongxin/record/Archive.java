package cn.tongxin.record;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/**
 * A person's study archive for a year (一人一档): the classes completed, sessions and lectures with their attendance,
 * the hours that count, and what does not count and why (absent, on leave, class not completed).
 */
public record Archive(long personId, String personName, int year, List<ArchiveEntry> completed, List<ArchiveEntry> sessions,
                      List<ArchiveEntry> lectures, List<NotCompleted> notCompleted, BigDecimal countedHours,
                      int absentCount, BigDecimal absentHours, int leaveCount, BigDecimal leaveHours) implements Serializable {

    public boolean isEmpty() {
        return completed.isEmpty() && sessions.isEmpty() && lectures.isEmpty() && notCompleted.isEmpty();
    }
}
