package cn.tongxin.attendance;

/** Where a sign-in window stands: not yet open, open (on time), late, closed. */
public enum WindowState {
    NOT_OPEN, OPEN, LATE, CLOSED
}
