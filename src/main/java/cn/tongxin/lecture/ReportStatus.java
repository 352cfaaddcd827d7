package cn.tongxin.lecture;

/** A lecture report's review: submitted (waiting for an organizer), accepted (final), returned with a reason. */
public enum ReportStatus {
    SUBMITTED, ACCEPTED, RETURNED
}
