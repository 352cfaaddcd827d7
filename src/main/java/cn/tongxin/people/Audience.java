package cn.tongxin.people;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A population of the register as organizers define it, for a rotation plan and a lecture's audience alike: every
 * active person who matches all the dimensions that are set (any of the sectors, any of the parties, inside any of
 * the units' subtrees, a representative figure if asked), plus the people named one by one.
 */
public record Audience(Set<Long> sectorIds, Set<Long> partyIds, Set<Long> unitIds, boolean representativeOnly,
                       Set<Long> personIds) implements Serializable {

    public static final Audience NOBODY = new Audience(Set.of(), Set.of(), Set.of(), false, Set.of());

    public Audience {
        sectorIds = sectorIds == null ? Set.of() : Set.copyOf(sectorIds);
        partyIds = partyIds == null ? Set.of() : Set.copyOf(partyIds);
        unitIds = unitIds == null ? Set.of() : Set.copyOf(unitIds);
        personIds = personIds == null ? Set.of() : Set.copyOf(personIds);
    }

    /** True when the population is defined by criteria (not only by named people). */
    public boolean hasCriteria() {
        return !sectorIds.isEmpty() || !partyIds.isEmpty() || !unitIds.isEmpty() || representativeOnly;
    }

    public boolean isEmpty() {
        return !hasCriteria() && personIds.isEmpty();
    }

    /**
     * A where-clause over {@code p} (person) and {@code u} (its unit) selecting this population: active people who
     * match the criteria, or are named. {@code namedSql} is an SQL condition over {@code p} telling whether the person
     * is named (the owning feature keeps the named people in its own table); {@code prefix} keeps the parameter names
     * apart from the caller's. Set-based: no person is loaded.
     */
    public String where(String namedSql, String prefix, Map<String, Object> params) {
        List<String> criteria = new ArrayList<>();
        if (!sectorIds.isEmpty()) {
            criteria.add("exists (select 1 from person_sector ps where ps.person_id = p.id and ps.sector_id in (:" + prefix + "Sectors))");
            params.put(prefix + "Sectors", sectorIds);
        }
        if (!partyIds.isEmpty()) {
            criteria.add("p.party_id in (:" + prefix + "Parties)");
            params.put(prefix + "Parties", partyIds);
        }
        if (!unitIds.isEmpty()) {
            criteria.add("exists (select 1 from unit pu where pu.id in (:" + prefix + "Units) and u.path like pu.path || '%')");
            params.put(prefix + "Units", unitIds);
        }
        if (representativeOnly) {
            criteria.add("p.representative");
        }
        String byCriteria = hasCriteria() ? "(" + String.join(" and ", criteria) + ")" : "false";
        return "p.status = 'ACTIVE' and (" + byCriteria + " or " + namedSql + ")";
    }
}
