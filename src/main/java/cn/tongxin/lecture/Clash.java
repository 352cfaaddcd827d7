package cn.tongxin.lecture;

import java.io.Serializable;
import java.time.Instant;

/**
 * What a lecture would clash with: another lecture of the same lecturer ({@code LECTURER}, {@code who} names the
 * lecturer) or at the same venue ({@code VENUE}, {@code who} names the venue), with its title and time.
 */
public record Clash(Kind kind, String who, long lectureId, String title, Instant startsAt, Instant endsAt)
        implements Serializable {

    public enum Kind { LECTURER, VENUE }
}
