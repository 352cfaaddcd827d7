package cn.tongxin.rotation;

import java.math.BigDecimal;
import java.time.Instant;

/** Published (after commit, to other modules) when a person completes a class (结业). */
public record EnrollmentCompleted(long enrollmentId, long classId, long personId, BigDecimal hours, Instant completedAt) {
}
