package cn.tongxin.rotation;

import java.math.BigDecimal;
import java.time.Instant;

public record EnrollmentRow(long id, long classId, long personId, String personName, String unitName,
                            EnrollmentStatus status, String source, BigDecimal hours, Instant completedAt) {
}
