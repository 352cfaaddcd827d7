package cn.tongxin.rotation;

import cn.tongxin.Application;
import cn.tongxin.base.Translations;
import cn.tongxin.notification.MailOutbox;
import cn.tongxin.notification.MailTemplates;
import cn.tongxin.notification.OutgoingMail;
import cn.tongxin.people.MailLanguages;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Invitations to a class: a mail per person through the outbox, with an {@code .ics} (METHOD:REQUEST, TZID
 * Asia/Shanghai) spanning the class's sessions. The dedup key makes each invitation (and each update) go once.
 */
@Component
class Invitations {

    static final String ICS_TYPE = "text/calendar; charset=UTF-8; method=REQUEST";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final JdbcClient jdbc;
    private final MailOutbox outbox;
    private final Clock clock;
    private final String baseUrl;
    private final String from;

    private final MailLanguages languages;
    private final MailTemplates templates;

    Invitations(JdbcClient jdbc, MailOutbox outbox, Clock clock, MailLanguages languages, MailTemplates templates,
                @Value("${tongxin.base-url:http://localhost:8080}") String baseUrl,
                @Value("${tongxin.mail.from:noreply@tongxin.local}") String from) {
        this.jdbc = jdbc;
        this.languages = languages;
        this.templates = templates;
        this.outbox = outbox;
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.from = from;
    }

    record Recipient(long personId, String name, String email) {
    }

    record ClassInfo(long id, String title, String venue, LocalDate start, LocalDate end, String status, int version,
                     LocalDateTime first, LocalDateTime last) {
    }

    /** Invites everyone who holds an invited seat (once each); nothing while the class is a draft. */
    void inviteAll(long classId) {
        invite(classId, null);
    }

    /** Invites the given people (null: all invited) if the class is published or running. */
    void invite(long classId, Collection<Long> personIds) {
        ClassInfo c = info(classId);
        if ("DRAFT".equals(c.status()) || "CLOSED".equals(c.status()) || c.end().isBefore(java.time.LocalDate.now(clock))) {
            return;
        }
        mail(c, "rotation.mail.invite", recipients(classId, personIds, "('INVITED')"), "invite:class:" + classId);
    }

    /** A change of dates or place: an updated invitation (higher SEQUENCE) to everyone still coming. */
    void sendUpdates(long classId, int version) {
        ClassInfo c = info(classId);
        mail(c, "rotation.mail.update", recipients(classId, null, "('INVITED','CONFIRMED')"),
                "update:class:" + classId + ":v" + version);
    }

    /** One mail per recipient, in their language, with the class as a calendar entry; once per {@code dedupPrefix}. */
    private void mail(ClassInfo c, String template, List<Recipient> recipients, String dedupPrefix) {
        byte[] ics = ics(c, false);
        Map<Long, Locale> language = languages.of(recipients.stream().map(Recipient::personId).toList());
        for (Recipient r : recipients) {
            outbox.enqueue(templates.compose(r.email(), language.get(r.personId()), template,
                            new OutgoingMail.Attachment("class.ics", ICS_TYPE, ics), r.name(), c.title(), c.start().toString(),
                            c.end().toString(), c.venue() == null ? "" : c.venue(), baseUrl + "/my/classes"),
                    dedupPrefix + ":person:" + r.personId());
        }
    }

    private List<Recipient> recipients(long classId, Collection<Long> personIds, String statuses) {
        String filter = personIds == null ? "" : " and e.person_id in (:ids)";
        var q = jdbc.sql("select p.id, p.name, p.email from rotation_enrollment e join person p on p.id = e.person_id"
                         + " where e.class_id = :c and e.status in " + statuses + " and p.email is not null" + filter)
                .param("c", classId);
        if (personIds != null) {
            if (personIds.isEmpty()) {
                return List.of();
            }
            q = q.param("ids", personIds);
        }
        return q.query((rs, n) -> new Recipient(rs.getLong("id"), rs.getString("name"), rs.getString("email"))).list();
    }

    ClassInfo info(long classId) {
        return jdbc.sql("""
                        select c.id, c.title, c.venue, c.start_date, c.end_date, c.status, c.version,
                               (select min(starts_at) from rotation_session s where s.class_id = c.id) as first,
                               (select max(ends_at) from rotation_session s where s.class_id = c.id) as last
                        from rotation_class c where c.id = :id""").param("id", classId)
                .query((rs, n) -> new ClassInfo(rs.getLong("id"), rs.getString("title"), rs.getString("venue"),
                        rs.getObject("start_date", LocalDate.class), rs.getObject("end_date", LocalDate.class),
                        rs.getString("status"), rs.getInt("version"), local(rs.getTimestamp("first")),
                        local(rs.getTimestamp("last"))))
                .single();
    }

    private static LocalDateTime local(Timestamp t) {
        return t == null ? null : t.toInstant().atZone(Application.ZONE).toLocalDateTime();
    }

    /** The class as one calendar event: from its first session to its last (or whole days without sessions). */
    byte[] ics(ClassInfo c, boolean cancel) {
        StringBuilder s = new StringBuilder();
        line(s, "BEGIN:VCALENDAR");
        line(s, "PRODID:-//Tongxin//Rotation//ZH");
        line(s, "VERSION:2.0");
        line(s, "CALSCALE:GREGORIAN");
        line(s, "METHOD:" + (cancel ? "CANCEL" : "REQUEST"));
        line(s, "BEGIN:VTIMEZONE");
        line(s, "TZID:Asia/Shanghai");
        line(s, "BEGIN:STANDARD");
        line(s, "DTSTART:19700101T000000");
        line(s, "TZOFFSETFROM:+0800");
        line(s, "TZOFFSETTO:+0800");
        line(s, "TZNAME:CST");
        line(s, "END:STANDARD");
        line(s, "END:VTIMEZONE");
        line(s, "BEGIN:VEVENT");
        line(s, "UID:rotation-class-" + c.id() + "@tongxin");
        line(s, "SEQUENCE:" + c.version());
        line(s, "DTSTAMP:" + UTC.format(clock.instant().atOffset(ZoneOffset.UTC)));
        if (c.first() != null) {
            line(s, "DTSTART;TZID=Asia/Shanghai:" + LOCAL.format(c.first()));
            line(s, "DTEND;TZID=Asia/Shanghai:" + LOCAL.format(c.last()));
        } else {
            line(s, "DTSTART;VALUE=DATE:" + DATE.format(c.start()));
            line(s, "DTEND;VALUE=DATE:" + DATE.format(c.end().plusDays(1)));
        }
        line(s, "SUMMARY:" + escape(c.title()));
        if (c.venue() != null) {
            line(s, "LOCATION:" + escape(c.venue()));
        }
        line(s, "ORGANIZER:mailto:" + from);
        line(s, "URL:" + baseUrl + "/my/classes");
        line(s, "STATUS:" + (cancel ? "CANCELLED" : "CONFIRMED"));
        line(s, "END:VEVENT");
        line(s, "END:VCALENDAR");
        return s.toString().getBytes(StandardCharsets.UTF_8);
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

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n");
    }

    static Locale locale() {
        return Translations.CHINESE;
    }
}
