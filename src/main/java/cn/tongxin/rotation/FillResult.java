package cn.tongxin.rotation;

/** What an enrollment request did: seats given, put on the waiting list, and skipped (already in, or busy elsewhere). */
public record FillResult(int enrolled, int waitlisted, int alreadyIn, int conflicting, int full) {
}
