package cn.tongxin.people;

import java.io.Serializable;

/** The filters of a people list. Nulls mean "any"; {@code unitId} includes the units below it. */
public record PersonQuery(String text, Long unitId, Long sectorId, Long partyId, Boolean representative,
                          PersonStatus status) implements Serializable {

    public static PersonQuery all() {
        return new PersonQuery(null, null, null, null, null, null);
    }
}
