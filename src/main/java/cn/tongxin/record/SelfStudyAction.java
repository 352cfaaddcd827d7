package cn.tongxin.record;

/** One step in an entry's history. */
public enum SelfStudyAction {
    SUBMITTED, RESUBMITTED, VERIFIED, RETURNED
}
