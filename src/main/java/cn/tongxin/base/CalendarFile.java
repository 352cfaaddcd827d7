package cn.tongxin.base;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * An iCalendar file (RFC 5545) with the Asia/Shanghai time zone: the invitations of classes and lectures (METHOD
 * REQUEST, or CANCEL) and the calendar feeds (PUBLISH). Every text a person typed is escaped and every line folded
 * at 75 octets, never inside a character, so calendar programs read what was typed, as text.
 */
public final class CalendarFile {

    public static final String CONTENT_TYPE = "text/calendar; charset=UTF-8";
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    public enum Method { REQUEST, CANCEL, PUBLISH }

    /**
     * One event. Either {@code start}/{@code end} (times) or {@code startDate}/{@code endDate} (whole days, end
     * inclusive) are set. {@code organizerMail} and {@code url} may be null, as may {@code location} and
     * {@code description}.
     */
    public record Event(String uid, int sequence, Instant start, Instant end, LocalDate startDate, LocalDate endDate,
                        String summary, String location, String description, String url, String organizerMail,
                        boolean cancelled) {

        public static Event timed(String uid, int sequence, Instant start, Instant end, String summary, String location,
                                  String description, String url, String organizerMail, boolean cancelled) {
            return new Event(uid, sequence, start, end, null, null, summary, location, description, url, organizerMail, cancelled);
        }

        public static Event allDay(String uid, int sequence, LocalDate first, LocalDate last, String summary, String location,
                                   String description, String url, String organizerMail, boolean cancelled) {
            return new Event(uid, sequence, null, null, first, last, summary, location, description, url, organizerMail, cancelled);
        }
    }

    private final Method method;
    private final String name;
    private final List<Event> events = new ArrayList<>();
    private String attendeeName;
    private String attendeeMail;

    /** {@code name} is the calendar's name in calendar programs (X-WR-CALNAME), or null. */
    public CalendarFile(Method method, String name) {
        this.method = method;
        this.name = name;
    }

    public CalendarFile add(Event event) {
        events.add(event);
        return this;
    }

    /**
     * The one person a mailed invitation is for: RFC 5546 wants an ATTENDEE in a REQUEST and a CANCEL, and calendar
     * programs match it to the mailbox that received it.
     */
    public CalendarFile forAttendee(String name, String mail) {
        this.attendeeName = name;
        this.attendeeMail = mail;
        return this;
    }

    public CalendarFile addAll(List<Event> more) {
        events.addAll(more);
        return this;
    }

    public byte[] bytes(Instant stamp) {
        StringBuilder s = new StringBuilder();
        line(s, "BEGIN:VCALENDAR");
        line(s, "PRODID:-//Tongxin//Portal//ZH");
        line(s, "VERSION:2.0");
        line(s, "CALSCALE:GREGORIAN");
        line(s, "METHOD:" + method);
        if (name != null) {
            line(s, "X-WR-CALNAME:" + escape(name));
            line(s, "X-WR-TIMEZONE:Asia/Shanghai");
        }
        line(s, "BEGIN:VTIMEZONE");
        line(s, "TZID:Asia/Shanghai");
        line(s, "BEGIN:STANDARD");
        line(s, "DTSTART:19700101T000000");
        line(s, "TZOFFSETFROM:+0800");
        line(s, "TZOFFSETTO:+0800");
        line(s, "TZNAME:CST");
        line(s, "END:STANDARD");
        line(s, "END:VTIMEZONE");
        String dtstamp = UTC.format(stamp.atOffset(ZoneOffset.UTC));
        for (Event e : events) {
            line(s, "BEGIN:VEVENT");
            line(s, "UID:" + e.uid());
            line(s, "SEQUENCE:" + e.sequence());
            line(s, "DTSTAMP:" + dtstamp);
            if (e.start() != null) {
                line(s, "DTSTART;TZID=Asia/Shanghai:" + LOCAL.format(local(e.start())));
                line(s, "DTEND;TZID=Asia/Shanghai:" + LOCAL.format(local(e.end())));
            } else {
                line(s, "DTSTART;VALUE=DATE:" + DATE.format(e.startDate()));
                line(s, "DTEND;VALUE=DATE:" + DATE.format(e.endDate().plusDays(1)));
            }
            line(s, "SUMMARY:" + escape(e.summary()));
            if (e.location() != null && !e.location().isBlank()) {
                line(s, "LOCATION:" + escape(e.location()));
            }
            if (e.description() != null && !e.description().isBlank()) {
                line(s, "DESCRIPTION:" + escape(e.description()));
            }
            if (e.organizerMail() != null) {
                line(s, "ORGANIZER:mailto:" + e.organizerMail());
            }
            if (attendeeMail != null) {
                String cn = attendeeName == null ? "" : ";CN=\"" + paramText(attendeeName) + "\"";
                line(s, "ATTENDEE" + cn + ";ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:" + attendeeMail);
            }
            if (e.url() != null) {
                line(s, "URL:" + e.url());
            }
            line(s, "STATUS:" + (e.cancelled() ? "CANCELLED" : "CONFIRMED"));
            line(s, "END:VEVENT");
        }
        line(s, "END:VCALENDAR");
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A quoted parameter value may hold neither a double quote nor control characters (RFC 5545 3.1). */
    static String paramText(String s) {
        return s.replaceAll("[\"\\p{Cntrl}\u2028\u2029]", " ").strip();
    }

    private static LocalDateTime local(Instant t) {
        return t.atZone(ZONE).toLocalDateTime();
    }

    /** RFC 5545: lines longer than 75 octets fold, never inside a character. */
    private static void line(StringBuilder s, String line) {
        int octets = 0;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > 74) {
                s.append("\r\n ");
                octets = 1;
            }
            s.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        s.append("\r\n");
    }

    /** TEXT values (RFC 5545 3.3.11); a bare CR is dropped so that it cannot end a line. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\n").replace("\r", "").replace("\n", "\\n");
    }
}
