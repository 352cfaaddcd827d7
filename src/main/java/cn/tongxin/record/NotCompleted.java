package cn.tongxin.record;

import java.io.Serializable;
import java.time.LocalDate;

/** A class of the year the person was enrolled in but did not complete: its hours do not count. */
public record NotCompleted(long classId, String title, LocalDate endDate) implements Serializable {
}
