package cn.tongxin.attendance;

/** 出席, 迟到, 请假, 缺勤. */
public enum AttendanceStatus {
    PRESENT, LATE, LEAVE, ABSENT
}
