package cn.tongxin.people;

import java.io.Serializable;
import java.util.Map;

/**
 * What the organizer decided on a roster's preview. The import checks the choices again on the server:
 * each mapped unit must be one the caller manages.
 *
 * @param units            unit as written ({@link RosterUnitMatch#written()}) → the unit meant, for all rows writing it;
 *                         rows whose unit is not mapped are left out like bad rows
 * @param updateRegistered people already registered (same identity number and name) are updated from the roster;
 *                         otherwise they are left as they are
 */
public record RosterChoices(Map<String, Long> units, boolean updateRegistered) implements Serializable {

    public RosterChoices {
        units = Map.copyOf(units);
    }

    /** No unit mapped, registered people left as they are. */
    public static RosterChoices none() {
        return new RosterChoices(Map.of(), false);
    }
}
