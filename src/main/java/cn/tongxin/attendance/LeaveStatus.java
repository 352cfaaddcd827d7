package cn.tongxin.attendance;

public enum LeaveStatus {
    PENDING, APPROVED, REFUSED
}
