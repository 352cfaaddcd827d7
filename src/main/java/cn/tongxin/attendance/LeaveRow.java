package cn.tongxin.attendance;

import java.io.Serializable;
import java.time.Instant;

/**
 * A leave request as the trainee's list and the organizer's approval list show it: {@code budget} says whether the
 * leave is (or, approved now, would be) excused; {@code refusal} is the organizer's reason for a refusal.
 */
public record LeaveRow(long id, long personId, String personName, String unitName, Occasion occasion, String reason,
                       LeaveStatus status, Instant requestedAt, OccasionProvider.LeaveBudget budget, String refusal)
        implements Serializable {
}
