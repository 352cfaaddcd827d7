package cn.tongxin.record;

/**
 * What a study record is about: a class completed (结业), a class session attended, a lecture attended, self-study a
 * checker verified (自学).
 */
public enum RecordKind {
    CLASS_COMPLETED, SESSION, LECTURE, SELF_STUDY
}
