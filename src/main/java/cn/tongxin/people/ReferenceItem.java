package cn.tongxin.people;

import java.io.Serializable;

/** A sector or a party. {@code shortName} is the party's short name (民革), null for sectors. */
public record ReferenceItem(long id, String name, String shortName, int sortOrder, boolean active) implements Serializable {

    public String label() {
        return shortName == null ? name : shortName;
    }
}
