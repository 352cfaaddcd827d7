package cn.tongxin.rotation;

import cn.tongxin.people.PersonLabel;

import java.math.BigDecimal;
import java.time.Instant;

public record EnrollmentRow(long id, long classId, long personId, PersonLabel person, String unitName,
                            EnrollmentStatus status, String source, BigDecimal hours, Instant completedAt) {

    public String personName() {
        return person.name();
    }
}
