package cn.tongxin.record;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/**
 * The study-hour rules: self-study counts up to {@code entryCap} hours per entry and {@code yearCap} per year; each
 * person's yearly target is {@code defaultTarget}, or the highest target of their sectors that have one.
 */
public record HourRules(BigDecimal entryCap, BigDecimal yearCap, BigDecimal defaultTarget, int version,
                        List<SectorTarget> sectors) implements Serializable {

    /** An active sector and its own target, null when it has none (the default applies). */
    public record SectorTarget(long sectorId, String name, BigDecimal target) implements Serializable {
    }
}
