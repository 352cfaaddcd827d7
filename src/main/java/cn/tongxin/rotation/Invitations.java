package cn.tongxin.rotation;

import cn.tongxin.Application;
import cn.tongxin.base.CalendarFile;
import cn.tongxin.base.Translations;
import cn.tongxin.notification.MailOutbox;
import cn.tongxin.notification.MailTemplates;
import cn.tongxin.notification.OutgoingMail;
import cn.tongxin.people.MailLanguages;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
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
        String uid = "rotation-class-" + c.id() + "@tongxin";
        String url = baseUrl + "/my/classes";
        CalendarFile.Event event = c.first() != null
                ? CalendarFile.Event.timed(uid, c.version(), c.first().atZone(Application.ZONE).toInstant(),
                        c.last().atZone(Application.ZONE).toInstant(), c.title(), c.venue(), null, url, from, cancel)
                : CalendarFile.Event.allDay(uid, c.version(), c.start(), c.end(), c.title(), c.venue(), null, url, from, cancel);
        return new CalendarFile(cancel ? CalendarFile.Method.CANCEL : CalendarFile.Method.REQUEST, null).add(event)
                .bytes(clock.instant());
    }

    static Locale locale() {
        return Translations.CHINESE;
    }
}
