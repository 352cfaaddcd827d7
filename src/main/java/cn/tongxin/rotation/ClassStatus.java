package cn.tongxin.rotation;

/** A class goes draft → published → in progress → closed. */
public enum ClassStatus {
    DRAFT, PUBLISHED, IN_PROGRESS, CLOSED;

    /** The status a class may move to next, or null at the end. */
    public ClassStatus next() {
        return this == CLOSED ? null : values()[ordinal() + 1];
    }
}
