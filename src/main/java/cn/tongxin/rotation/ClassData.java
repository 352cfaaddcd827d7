package cn.tongxin.rotation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/**
 * A class (培训班, one intake) as an organizer edits it, with its completion rule: the minimum share of the
 * sessions attended, the leave limit as a share of the class hours (default 1/7), and the minimum hours.
 */
public record ClassData(String title, long unitId, String venue, LocalDate startDate, LocalDate endDate, int capacity,
                        Set<Long> planIds, int minAttendancePct, BigDecimal maxLeaveShare, BigDecimal minHours) {

    public static final int TITLE_MAX = 200;
    public static final BigDecimal DEFAULT_LEAVE_SHARE = new BigDecimal("0.1429");

    public ClassData {
        planIds = planIds == null ? Set.of() : Set.copyOf(planIds);
        maxLeaveShare = maxLeaveShare == null ? DEFAULT_LEAVE_SHARE : maxLeaveShare;
        minHours = minHours == null ? BigDecimal.ZERO : minHours;
    }

    /** Days the class runs, both ends included. */
    public int days() {
        return (int) (endDate.toEpochDay() - startDate.toEpochDay()) + 1;
    }
}
