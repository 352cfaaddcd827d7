package cn.tongxin.rotation;

/** One line of a coverage table: a sector, or a unit with its subtree ({@code hasChildren}: may drill down). */
public record CoverageRow(Long id, String name, CoverageCounts counts, boolean hasChildren) {
}
