package cn.tongxin.rotation;

import java.math.BigDecimal;
import java.time.LocalDate;

public record PlanRow(long id, String name, long unitId, String unitName, LocalDate cycleStart, LocalDate cycleEnd,
                      Requirement requirement, int minDays, BigDecimal minHours, long classCount) {
}
