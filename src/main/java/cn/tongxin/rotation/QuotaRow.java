package cn.tongxin.rotation;

public record QuotaRow(long classId, long unitId, String unitName, int seats, int pending, int approved) {
}
