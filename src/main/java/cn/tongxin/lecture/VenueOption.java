package cn.tongxin.lecture;

import java.io.Serializable;

/** A venue one may choose: of the unit or of a unit above it. */
public record VenueOption(long id, String name, String address, int capacity, String unitName) implements Serializable {
}
