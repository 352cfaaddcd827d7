package cn.tongxin.lecture;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;

/** A topic (宣讲主题) with the period in which it is current and how many materials it has. */
public record TopicRow(long id, String title, String summary, long unitId, String unitName, LocalDate currentFrom,
                       LocalDate currentTo, boolean menuOpen, BigDecimal hours, int materialCount, boolean manageable,
                       int version) implements Serializable {

    public TopicData data() {
        return new TopicData(title, summary, unitId, currentFrom, currentTo, menuOpen, hours);
    }
}
