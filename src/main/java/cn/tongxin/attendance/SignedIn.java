package cn.tongxin.attendance;

import java.time.Instant;

/** Published when a record is made or changed: the live board and completion listen. */
public record SignedIn(OccasionRef occasion, long personId, AttendanceStatus status, Instant at) {
}
