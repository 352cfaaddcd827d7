/**
 * Lecture schedules for non-Party figures (党外人士宣讲): lecturers and lecture groups, topics with their materials,
 * venues, ordered lectures (点单式宣讲), the schedule and its calendar, invitations and calendar feeds, the lecturer's
 * report and the audience's feedback. A lecture is a sign-in occasion of kind LECTURE
 * ({@code LectureOccasions}); the public face is {@link cn.tongxin.lecture.LectureService} and its records.
 */
package cn.tongxin.lecture;
