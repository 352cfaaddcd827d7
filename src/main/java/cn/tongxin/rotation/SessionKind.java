package cn.tongxin.rotation;

public enum SessionKind { LECTURE, DISCUSSION, VISIT, EXAM }
