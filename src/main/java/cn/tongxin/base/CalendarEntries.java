package cn.tongxin.base;

import java.time.Instant;
import java.util.List;

/**
 * What a feature puts into the calendar feeds: each feature that has dated things for a person (class sessions,
 * lectures) implements this, and the feed collects every implementation, so the feed needs no feature's internals.
 * Events start in {@code [from, to)}.
 */
public interface CalendarEntries {

    /** The person's own entries: what they are enrolled in, give or are invited to (and did not decline). */
    List<CalendarFile.Event> forPerson(long personId, Instant from, Instant to);

    /** A unit's own entries (for the unit's feed); most features have none. */
    default List<CalendarFile.Event> forUnit(long unitId, Instant from, Instant to) {
        return List.of();
    }
}
