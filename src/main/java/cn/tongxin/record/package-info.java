/**
 * Study records (学习档案): written by the portal itself from what happened — a completion, a sign-in at a class
 * session or a lecture — with a hash-chained log per unit and year, and each person's archive (一人一档).
 * The public face: {@link cn.tongxin.record.StudyArchive}, {@link cn.tongxin.record.StudyChain},
 * {@link cn.tongxin.record.SpotChecks} and their records.
 */
package cn.tongxin.record;
