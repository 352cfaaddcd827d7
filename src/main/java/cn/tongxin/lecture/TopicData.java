package cn.tongxin.lecture;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;

/** What an organizer fills in about a topic. {@code menuOpen}: its lecture menu is open for orders. */
public record TopicData(String title, String summary, long unitId, LocalDate currentFrom, LocalDate currentTo,
                        boolean menuOpen, BigDecimal hours) implements Serializable {

    public static final int TITLE_MAX = 200;
    public static final int SUMMARY_MAX = 4000;
}
