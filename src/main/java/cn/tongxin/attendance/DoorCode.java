package cn.tongxin.attendance;

import java.io.Serializable;
import java.time.Instant;

/**
 * What the door screen shows now: the QR link's token, the typed code (both {@code null} once sign-in has ended),
 * until when, the window and the counts.
 */
public record DoorCode(Occasion occasion, String token, String code, Instant validUntil, WindowState state,
                       int signedIn, int expected) implements Serializable {
}
