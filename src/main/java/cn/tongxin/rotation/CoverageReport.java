package cn.tongxin.rotation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A plan's coverage inside the caller's scope, drilled down to {@code unitName}'s children.
 * {@code riskKind}: OVERDUE once the cycle has ended, AT_RISK when it ends within 12 months, else NONE.
 * {@code computedAt}: when the figures were computed; {@code upToDate}: nothing they depend on has changed since.
 */
public record CoverageReport(long planId, String planName, LocalDate cycleStart, LocalDate cycleEnd, long unitId,
                             String unitName, Long parentUnitId, CoverageCounts total, List<CoverageRow> bySector,
                             List<CoverageRow> byUnit, Forecast forecast, RiskKind riskKind,
                             Instant computedAt, boolean upToDate) {

    public enum RiskKind { NONE, AT_RISK, OVERDUE }
}
