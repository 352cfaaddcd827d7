package cn.tongxin.rotation;

import cn.tongxin.people.Audience;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/**
 * A plan as an organizer edits it. The population is every active person of the owning unit's subtree who
 * matches all the criteria that are set (any of the sectors, any of the parties, inside any of the units'
 * subtrees, a representative figure if asked), plus the named people. Evaluated live.
 */
public record PlanData(String name, long unitId, LocalDate cycleStart, LocalDate cycleEnd, Requirement requirement,
                       int minDays, BigDecimal minHours, Set<Long> sectorIds, Set<Long> partyIds, Set<Long> unitIds,
                       boolean representativeOnly, Set<Long> personIds) {

    public static final int NAME_MAX = 200;

    public PlanData {
        sectorIds = sectorIds == null ? Set.of() : Set.copyOf(sectorIds);
        partyIds = partyIds == null ? Set.of() : Set.copyOf(partyIds);
        unitIds = unitIds == null ? Set.of() : Set.copyOf(unitIds);
        personIds = personIds == null ? Set.of() : Set.copyOf(personIds);
        minHours = minHours == null ? BigDecimal.ZERO : minHours;
    }

    /** True when the population is defined by criteria (not only by named people). */
    public boolean hasCriteria() {
        return audience().hasCriteria();
    }

    /** The plan's population, as the register's one definition of a population. */
    public Audience audience() {
        return new Audience(sectorIds, partyIds, unitIds, representativeOnly, personIds);
    }
}
