package cn.tongxin.people;

public enum PersonStatus {
    ACTIVE, INACTIVE
}
