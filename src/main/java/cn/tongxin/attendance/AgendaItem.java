package cn.tongxin.attendance;

/** An occasion ahead of a person, and whether its sign-in is open right now (they can sign in from their home page). */
public record AgendaItem(Occasion occasion, boolean signInOpen) {
}
