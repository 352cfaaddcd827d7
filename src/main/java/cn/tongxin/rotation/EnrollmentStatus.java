package cn.tongxin.rotation;

import java.util.EnumSet;
import java.util.Set;

/** Where a person stands in a class. Seat-holding statuses count against the capacity. */
public enum EnrollmentStatus {
    INVITED, CONFIRMED, DECLINED, WITHDRAWN, WAITLISTED, COMPLETED, NOT_COMPLETED;

    public static final Set<EnrollmentStatus> SEATED = EnumSet.of(INVITED, CONFIRMED, COMPLETED, NOT_COMPLETED);

    public boolean holdsSeat() {
        return SEATED.contains(this);
    }
}
