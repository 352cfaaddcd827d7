package cn.tongxin.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** The real time plus an offset that a test moves forward, e.g. past a retry's back-off. */
final class ShiftedClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private final ZoneId zone;

    ShiftedClock(ZoneId zone) {
        this.zone = zone;
    }

    void advance(Duration by) {
        offset = offset.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        ShiftedClock c = new ShiftedClock(zone);
        c.offset = offset;
        return c;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
