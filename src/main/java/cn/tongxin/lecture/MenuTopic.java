package cn.tongxin.lecture;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;

/** A topic on a unit's lecture menu (宣讲菜单): open for ordering and current today. */
public record MenuTopic(long id, String title, String summary, String unitName, LocalDate currentFrom, LocalDate currentTo,
                        BigDecimal hours, String groupName) implements Serializable {
}
