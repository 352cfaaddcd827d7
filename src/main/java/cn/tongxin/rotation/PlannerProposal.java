package cn.tongxin.rotation;

import java.util.List;

/** The planner's proposal: who goes where, how many it could not place, and why. */
public record PlannerProposal(long planId, List<Long> classIds, int candidates, List<Placement> placements,
                              int unplaced, List<Shortfall> reasons) {
}
