package cn.tongxin.record;

import cn.tongxin.attendance.AttendanceStatus;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;

/** One study record in an archive ({@code sourceId}: the session, lecture, class or self-study entry); {@code status} is null for a completion, {@code counts} whether its hours count. */
public record ArchiveEntry(long id, RecordKind kind, long sourceId, Instant occurredAt, String title, String context, BigDecimal hours,
                           AttendanceStatus status, boolean counts) implements Serializable {
}
