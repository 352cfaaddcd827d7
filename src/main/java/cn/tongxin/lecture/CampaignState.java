package cn.tongxin.lecture;

/** Where a unit (or a unit's sector) stands in a topic's campaign: a lecture held, one scheduled, or none yet. */
public enum CampaignState {
    HELD, SCHEDULED, NONE
}
