package cn.tongxin.rotation;

/** A person of a plan's population, as offered for filling a class. */
public record Candidate(long personId, String name, String unitName, String sectors, boolean representative,
                        boolean trained, boolean enrolled) {
}
