package cn.tongxin.attendance;

/** How a record came to be: the door QR, the typed code, a kiosk scan, by hand, from approved leave, or by the system at closing. */
public enum SignInMethod {
    QR, CODE, KIOSK, MANUAL, LEAVE, SYSTEM
}
