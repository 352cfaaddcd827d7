package cn.tongxin.people;

import java.io.Serializable;
import java.util.List;

/**
 * A unit as a roster writes it that names none of the caller's units for sure (省委统战部 for 江川省委统战部,
 * or a name two of the caller's units share), asked once for all the rows that write it.
 *
 * @param written    the unit cell as written (cleaned of stray spaces): the key of {@link RosterChoices#units()}
 * @param rows       how many rows, good in every other respect, write it
 * @param candidates the caller's units it may mean, closest first; the import proposes the only one
 */
public record RosterUnitMatch(String written, int rows, List<UnitRef> candidates) implements Serializable {

    public RosterUnitMatch {
        candidates = List.copyOf(candidates);
    }

    /** The unit to propose: the only candidate, or none when there are several or none. */
    public UnitRef proposal() {
        return candidates.size() == 1 ? candidates.getFirst() : null;
    }
}
