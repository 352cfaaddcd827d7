package cn.tongxin.rotation;

import java.time.LocalDate;
import java.util.List;

/** A trainee's class with its timetable. */
public record MyClass(long enrollmentId, long classId, String title, String unitName, String venue, LocalDate startDate,
                      LocalDate endDate, ClassStatus classStatus, EnrollmentStatus status, List<SessionRow> sessions) {
}
