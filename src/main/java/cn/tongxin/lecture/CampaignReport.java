package cn.tongxin.lecture;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * A topic's campaign over a period in the caller's scope: each unit below the caller's (its whole subtree counted
 * with it) with its state overall and per sector, its lectures and the audience reached; the sectors; and each
 * lecturer's lectures per month (all topics: a lecturer's load is what they carry, whatever the subject).
 */
public record CampaignReport(long topicId, LocalDate from, LocalDate to, List<Sector> sectors, List<Unit> units,
                             List<YearMonth> months, List<LecturerLoad> loads) implements Serializable {

    public record Sector(long id, String name) implements Serializable {
    }

    /**
     * {@code invited} and {@code signedIn} count people-times over the unit's lectures (a person at two lectures
     * counts twice); signed in means present or late at the lecture's sign-in.
     */
    public record Unit(long id, String name, CampaignState state, Map<Long, CampaignState> bySector, int held,
                       int scheduled, int invited, int signedIn) implements Serializable {

        public CampaignState state(long sectorId) {
            return bySector.getOrDefault(sectorId, CampaignState.NONE);
        }
    }

    public record LecturerLoad(long personId, String name, Map<YearMonth, Integer> perMonth, int total)
            implements Serializable {

        public int in(YearMonth month) {
            return perMonth.getOrDefault(month, 0);
        }
    }

    /** How many units are in each state, overall ({@code sectorId} null) or for a sector. */
    public Map<CampaignState, Integer> counts(Long sectorId) {
        Map<CampaignState, Integer> c = new java.util.EnumMap<>(CampaignState.class);
        for (CampaignState s : CampaignState.values()) {
            c.put(s, 0);
        }
        for (Unit u : units) {
            c.merge(sectorId == null ? u.state() : u.state(sectorId), 1, Integer::sum);
        }
        return c;
    }
}
