package cn.tongxin.rotation;

import java.time.LocalDate;

public record ClassRow(long id, String title, long unitId, String unitName, String venue, LocalDate startDate,
                       LocalDate endDate, int capacity, int enrolled, ClassStatus status, String planNames) {
}
