package cn.tongxin.lecture;

import java.io.Serializable;
import java.util.Set;

/** A lecture group (宣讲团): its unit, leader and members ({@code memberNames} joined for lists). */
public record GroupRow(long id, String name, long unitId, String unitName, Long leaderId, String leaderName,
                       Set<Long> memberIds, String memberNames, boolean manageable, int version) implements Serializable {
}
