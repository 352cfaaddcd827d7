package cn.tongxin.rotation;

public enum NominationStatus { PENDING, APPROVED, RETURNED }
