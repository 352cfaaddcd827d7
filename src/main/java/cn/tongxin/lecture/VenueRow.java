package cn.tongxin.lecture;

import java.io.Serializable;

/** A venue (宣讲场地) of a unit. */
public record VenueRow(long id, String name, String address, int capacity, long unitId, String unitName, boolean active,
                       boolean manageable, int version) implements Serializable {

    public VenueData data() {
        return new VenueData(name, address, capacity, unitId, active);
    }
}
