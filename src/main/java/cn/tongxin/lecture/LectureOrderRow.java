package cn.tongxin.lecture;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An order as both sides see it: what was asked, its step, the proposed time or the reason, the lecture it
 * scheduled; {@code canDecide} for the group's organizers, {@code canAnswer} for the ordering unit's.
 */
public record LectureOrderRow(long id, long topicId, String topicTitle, long unitId, String unitName, long groupId,
                              String groupName, LocalDate preferredFrom, LocalDate preferredTo, String audience,
                              int expectedCount, Long venueId, String venueName, String note, OrderStatus status,
                              Instant proposedStart, Instant proposedEnd, String decisionReason, String orderedBy,
                              Instant orderedAt, Long lectureId, Instant lectureStart, int version, boolean canDecide,
                              boolean canAnswer) implements Serializable {

    public static final int AUDIENCE_MAX = 500;
    public static final int NOTE_MAX = 1000;
    public static final int REASON_MAX = 1000;
}
