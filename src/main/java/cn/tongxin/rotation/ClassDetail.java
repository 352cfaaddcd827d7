package cn.tongxin.rotation;

/** A class with its state; {@code manageable} says whether the caller may edit it (the view hides buttons). */
public record ClassDetail(long id, int version, ClassData data, ClassStatus status, int enrolled, String unitName,
                          boolean manageable) {
}
