package cn.tongxin.rotation;

public record NominationRow(long id, long classId, long unitId, String unitName, long personId, String personName,
                            NominationStatus status, String reason) {
}
