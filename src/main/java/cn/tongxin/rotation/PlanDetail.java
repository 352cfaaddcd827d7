package cn.tongxin.rotation;

public record PlanDetail(long id, int version, PlanData data, String unitName, String unitPath) {
}
