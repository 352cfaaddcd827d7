package cn.tongxin.rotation;

/** A person of the population not yet trained; {@code enrolled}: in a counting class now. */
public record AtRiskRow(long personId, String name, String unitName, String sectors, boolean enrolled) {
}
