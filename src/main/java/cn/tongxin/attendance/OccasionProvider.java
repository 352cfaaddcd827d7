package cn.tongxin.attendance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Implemented by each feature that has occasions (class sessions, lectures): attendance asks it what an
 * occasion is and who is expected there, and never reaches into that feature otherwise.
 */
public interface OccasionProvider {

    /** The kind of {@link OccasionRef} this provider answers for, e.g. "SESSION". */
    String kind();

    Optional<Occasion> find(long id);

    /** Whether this person is expected (enrolled, invited) at the occasion. */
    boolean expects(long occasionId, long personId);

    /** Everyone expected, for the live board and the absent marking. */
    List<Long> expectedPeople(long occasionId);

    /** The occasions this person is expected at whose sign-in window contains {@code at} (for the typed code). */
    List<Occasion> openFor(long personId, Instant at);

    /** Occasions starting in [from, to), for the organizers' list of today's sign-ins. */
    List<Occasion> startingBetween(Instant from, Instant to);

    /** Occasions whose window closed in [from, to): the closing job marks their missing people absent. */
    List<Occasion> closedBetween(Instant from, Instant to);
}
