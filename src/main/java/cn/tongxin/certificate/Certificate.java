package cn.tongxin.certificate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A completion certificate with what its PDF shows; {@code valid} is false once the completion was withdrawn. */
public record Certificate(long id, String number, long enrollmentId, long personId, String personName, long classId,
                          String classTitle, String unitName, LocalDate startDate, LocalDate endDate, BigDecimal hours,
                          Instant issuedAt, boolean valid) {
}
