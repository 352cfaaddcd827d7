package cn.tongxin.record;

/** Where an entry stands: waiting for a checker, sent back to the trainee, or verified (counted). */
public enum SelfStudyStatus {
    PENDING, RETURNED, VERIFIED
}
