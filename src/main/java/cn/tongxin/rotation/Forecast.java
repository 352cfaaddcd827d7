package cn.tongxin.rotation;

/**
 * At the pace of the last 12 months: people trained in those months, the coverage reached by the cycle's end,
 * and how many more classes (of the plan's average capacity) full coverage needs.
 */
public record Forecast(long trainedLast12Months, long monthsLeft, long projectedTrained, double projectedPct,
                       long notYetPlaced, int averageCapacity, long classesNeeded) {
}
