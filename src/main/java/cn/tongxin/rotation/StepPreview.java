package cn.tongxin.rotation;

/**
 * What moving a class on will do, for the organizer to confirm first: the next state and whom it reaches.
 * Publishing: {@code people} invitations mailed. Starting: {@code people} holding a seat. Closing: {@code people}
 * decided from their sign-ins, {@code completing} of them completing.
 */
public record StepPreview(ClassStatus next, int people, int completing) {
}
