package cn.tongxin.lecture;

/** A lecture's life: planned (only organizers see it) → published (invitations out) → held, or cancelled with a reason. */
public enum LectureStatus {
    PLANNED, PUBLISHED, HELD, CANCELLED
}
