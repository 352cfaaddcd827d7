package cn.tongxin.attendance;

import java.time.Instant;

/**
 * An occasion ahead of a person, whether its sign-in is open right now (they can sign in from their home page), and
 * when they signed in to it, if they did ({@code null} otherwise).
 */
public record AgendaItem(Occasion occasion, boolean signInOpen, Instant signedInAt) {
}
