package cn.tongxin.lecture;

import java.io.Serializable;
import java.time.Instant;

/** The calendar's filter: lectures starting in [from, to), of the unit's subtree, lecturer, topic, status (null: any). */
public record LectureQuery(Instant from, Instant to, Long unitId, Long lecturerId, Long topicId, LectureStatus status)
        implements Serializable {
}
