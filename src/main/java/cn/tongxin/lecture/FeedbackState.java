package cn.tongxin.lecture;

import java.io.Serializable;
import java.time.Instant;

/**
 * Whether the caller may give feedback on a lecture now. {@code title} and the window are only told to those who
 * may answer (invited or signed in); to anybody else the lecture is {@link Status#NOT_INVITED}, whether or not it exists.
 */
public record FeedbackState(long lectureId, Status status, String title, Instant opensAt, Instant closesAt)
        implements Serializable {

    public enum Status {
        /** Invited or signed in, inside the window, not answered yet. */
        OPEN,
        /** The lecture has not ended yet. */
        NOT_YET,
        /** The week after the lecture is over. */
        CLOSED,
        /** Already answered (named or anonymously). */
        GIVEN,
        /** Not in the audience (or a lecturer of it, or no such lecture). */
        NOT_INVITED
    }

    public boolean open() {
        return status == Status.OPEN;
    }
}
