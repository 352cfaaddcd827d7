package cn.tongxin.attendance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Implemented by each feature that has occasions (class sessions, lectures): attendance asks it what an
 * occasion is and who is expected there, and never reaches into that feature otherwise.
 */
public interface OccasionProvider {

    /** The kind of {@link OccasionRef} this provider answers for, e.g. "SESSION". */
    String kind();

    Optional<Occasion> find(long id);

    /** The occasions of these ids, for lists (providers should answer in one query). */
    default Map<Long, Occasion> findAll(Collection<Long> ids) {
        Map<Long, Occasion> found = new HashMap<>();
        ids.forEach(id -> find(id).ifPresent(o -> found.put(id, o)));
        return found;
    }

    /**
     * SQL selecting every occasion of this kind with its owner unit's path, as columns {@code id} (bigint) and
     * {@code unit_path} (text), so that lists can be limited to the caller's scope in the database, before any
     * limit or page is applied, instead of reading a page and filtering it afterwards.
     */
    String ownersQuery();

    /** The portal's page that shows each of these occasions (e.g. its class), as a route, for links from lists. */
    default Map<Long, String> pagesOf(Collection<Long> ids) {
        return Map.of();
    }

    /** Whether this person is expected (enrolled, invited) at the occasion. */
    boolean expects(long occasionId, long personId);

    /** Everyone expected, for the live board and the absent marking. */
    List<Long> expectedPeople(long occasionId);

    /** How many are expected; the door screen asks every second, so providers should count rather than list. */
    default int expectedCount(long occasionId) {
        return expectedPeople(occasionId).size();
    }

    /** The occasions this person is expected at whose sign-in window contains {@code at} (for the typed code). */
    List<Occasion> openFor(long personId, Instant at);

    /** Occasions starting in [from, to), for the organizers' list of today's sign-ins. */
    List<Occasion> startingBetween(Instant from, Instant to);

    /** Occasions whose window closed in [from, to): the closing job marks their missing people absent. */
    List<Occasion> closedBetween(Instant from, Instant to);

    /** Occasions this person is expected at whose sign-in ended in [from, to] (window closed, or closed early). */
    default List<Occasion> closedFor(long personId, Instant from, Instant to) {
        return List.of();
    }

    /** Occasions this person is expected at that start at or after {@code from}: what leave can be asked for. */
    default List<Occasion> upcomingFor(long personId, Instant from) {
        return List.of();
    }

    /** This person's leave budget at the occasion, in its group (the class), in study hours; empty where no limit applies. */
    default Optional<LeaveBudget> leaveBudget(long occasionId, long personId) {
        return Optional.empty();
    }

    /** Leave budgets of several people at several occasions, for lists (providers should answer in one query). */
    default Map<Attendee, LeaveBudget> leaveBudgets(Collection<Attendee> attendees) {
        Map<Attendee, LeaveBudget> found = new HashMap<>();
        attendees.forEach(a -> leaveBudget(a.occasionId(), a.personId()).ifPresent(b -> found.put(a, b)));
        return found;
    }

    /** A person at an occasion of this provider. */
    record Attendee(long occasionId, long personId) implements java.io.Serializable {
    }

    /**
     * The leave rule, in one place: a group's leave limit ({@code limitHours}) is spent in the order leave was recorded.
     * Leave that fits in the limit together with the leave recorded before it ({@code takenBefore}) is excused: it does
     * not count against the attendance share. Leave beyond the limit counts as an absence. For a request not yet
     * decided, everything already approved was recorded before it. The approval list, the trainee's list and the
     * completion at the close of a class all read this one method.
     */
    record LeaveBudget(BigDecimal limitHours, BigDecimal takenBefore, BigDecimal occasionHours) implements java.io.Serializable {

        /** This occasion's leave fits in the limit: it is excused, not an absence. */
        public boolean excused() {
            return takenBefore.add(occasionHours).compareTo(limitHours) <= 0;
        }
    }
}
