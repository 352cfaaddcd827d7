package cn.tongxin.lecture;

import java.io.Serializable;
import java.time.Instant;

/**
 * A lecture the signed-in person is invited to, with their answer. {@code answerable}: the lecture is published
 * and has not begun, so the answer may still be given or changed.
 */
public record MyInvitation(LectureRow lecture, InviteeResponse response, Instant respondedAt, boolean answerable)
        implements Serializable {
}
