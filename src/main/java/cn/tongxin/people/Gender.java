package cn.tongxin.people;

public enum Gender {
    M, F
}
