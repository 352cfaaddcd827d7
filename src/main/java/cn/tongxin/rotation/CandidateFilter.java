package cn.tongxin.rotation;

/** Filters for choosing people of a plan's population: unit subtree, sector, text, not yet trained only. */
public record CandidateFilter(Long unitId, Long sectorId, String text, boolean untrainedOnly) {
    public static CandidateFilter none() {
        return new CandidateFilter(null, null, null, true);
    }
}
