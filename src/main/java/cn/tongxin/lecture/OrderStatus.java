package cn.tongxin.lecture;

/**
 * The steps of an ordered lecture: pending with the group; the group proposed another time; the ordering unit agreed
 * to it (the group then schedules it); accepted (scheduled); declined with a reason; withdrawn by the ordering unit.
 */
public enum OrderStatus {
    PENDING, PROPOSED, AGREED, ACCEPTED, DECLINED, WITHDRAWN;

    public boolean isFinal() {
        return this == ACCEPTED || this == DECLINED || this == WITHDRAWN;
    }
}
