package cn.tongxin.attendance;

/** What became of a sign-in try; each refusal has its own message for the person. */
public enum SignInOutcome {
    SIGNED_IN, ALREADY_SIGNED_IN, NOT_OPEN, CLOSED, EXPIRED_CODE, WRONG_CODE, NOT_EXPECTED, DEVICE_USED, NO_PERSON,
    /** Too many wrong codes from this person or address: refused without looking at the code (see DoorCodeLimits). */
    TOO_MANY_TRIES;

    public boolean ok() {
        return this == SIGNED_IN || this == ALREADY_SIGNED_IN;
    }

    public String messageKey() {
        return "attendance.outcome." + name();
    }
}
