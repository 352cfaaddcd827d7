package cn.tongxin.rotation;

import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;

/**
 * Decides at the close of a class, from the session sign-ins, who completed it (结业), by the class's rule
 * ({@link ClassAttendance.Figures#completes}): excused leave is left out of the attendance share, leave beyond the
 * class's limit counts as an absence. Only people still invited or confirmed are decided: the organizer's hand
 * marks stay. Runs inside the closing transaction.
 */
@Component
class CompletionAtClose {

    /** Per person of a closing class: the figures and the verdict. */
    record Verdict(long personId, int attended, int excused, BigDecimal attendedHours, boolean completed) {
    }

    private final ClassAttendance attendance;
    private final EnrollmentService enrollment;
    private final RotationService rotation;

    CompletionAtClose(ClassAttendance attendance, EnrollmentService enrollment, RotationService rotation) {
        this.attendance = attendance;
        this.enrollment = enrollment;
        this.rotation = rotation;
    }

    List<Verdict> verdicts(long classId) {
        ClassData rule = rotation.head(classId).data();
        return attendance.of(classId, List.of(EnrollmentStatus.INVITED, EnrollmentStatus.CONFIRMED)).stream()
                .map(f -> new Verdict(f.personId(), f.attended(), f.excused(), f.attendedHours(),
                        f.completes(rule.minAttendancePct(), rule.minHours())))
                .toList();
    }

    /** Records the verdicts; the caller holds the class lock and the transaction. */
    void apply(long classId) {
        for (Verdict v : verdicts(classId)) {
            if (v.completed()) {
                enrollment.complete(classId, v.personId(), v.attendedHours());
            } else {
                enrollment.markNotCompleted(classId, v.personId());
            }
        }
    }
}
