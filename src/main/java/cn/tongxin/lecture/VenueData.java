package cn.tongxin.lecture;

import java.io.Serializable;

/** What an organizer fills in about a venue. */
public record VenueData(String name, String address, int capacity, long unitId, boolean active) implements Serializable {

    public static final int NAME_MAX = 200;
    public static final int ADDRESS_MAX = 300;
    public static final int CAPACITY_MAX = 100_000;
}
