package cn.tongxin.lecture;

/** An invitee's answer to a published lecture: not yet answered, coming, not coming. */
public enum InviteeResponse {
    INVITED, CONFIRMED, DECLINED
}
