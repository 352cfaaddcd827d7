package cn.tongxin.lecture;

import java.io.Serializable;
import java.util.Set;

/** What an organizer fills in about a lecture group. The leader, if any, is one of the members. */
public record GroupData(String name, long unitId, Long leaderId, Set<Long> memberIds) implements Serializable {

    public static final int NAME_MAX = 200;

    public GroupData {
        memberIds = memberIds == null ? Set.of() : Set.copyOf(memberIds);
    }
}
