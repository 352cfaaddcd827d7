package cn.tongxin.record;

/** What sort of self-study an entry is (自学形式). */
public enum SelfStudyKind {
    READING, ONLINE_COURSE, STUDY_GROUP, OTHER
}
