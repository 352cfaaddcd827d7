package cn.tongxin.rotation;

/** What a person must do in a plan's cycle: one completed counting class of N days, or N study hours from them. */
public enum Requirement { CLASS, HOURS }
