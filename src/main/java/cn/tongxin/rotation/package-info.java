/**
 * Rotational training (轮训): plans over a target population, classes (intakes) with their sessions,
 * enrollments with a hard capacity, seat quotas and nominations, the planner and the coverage of a plan.
 * The public face: {@link cn.tongxin.rotation.RotationService}, {@link cn.tongxin.rotation.EnrollmentService},
 * {@link cn.tongxin.rotation.PlannerService}, {@link cn.tongxin.rotation.CoverageService}, their records and the
 * {@link cn.tongxin.rotation.EnrollmentCompleted} event.
 */
package cn.tongxin.rotation;
