package cn.tongxin.lecture;

import cn.tongxin.base.CalendarFile;
import cn.tongxin.base.Formats;
import cn.tongxin.notification.MailOutbox;
import cn.tongxin.notification.MailTemplates;
import cn.tongxin.notification.OutgoingMail;
import cn.tongxin.people.MailLanguages;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mails of a lecture's invitees, through the outbox in the transaction of the change: an invitation with an
 * {@code .ics} (METHOD:REQUEST, the stable UID {@code lecture-<id>@tongxin}), an update when time or place change
 * (SEQUENCE raised, so calendar programs move the event), a cancellation (METHOD:CANCEL, so they remove it). The
 * dedup key makes each of them go once per person.
 */
@Component
class LectureInvitations {

    static final String ICS_REQUEST = CalendarFile.CONTENT_TYPE + "; method=REQUEST";
    static final String ICS_CANCEL = CalendarFile.CONTENT_TYPE + "; method=CANCEL";

    private final JdbcClient jdbc;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final MailLanguages languages;
    private final Clock clock;
    private final String from;

    LectureInvitations(JdbcClient jdbc, MailOutbox outbox, MailTemplates templates, MailLanguages languages, Clock clock,
                       @Value("${tongxin.mail.from:noreply@tongxin.local}") String from) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.templates = templates;
        this.languages = languages;
        this.clock = clock;
        this.from = from;
    }

    record Info(long id, String title, String topic, Instant start, Instant end, String where, int sequence, String status,
                String reason) {
    }

    record Recipient(long personId, String name, String email) {
    }

    /** Invitations to these people (newly invited) of a published lecture. */
    void invite(long lectureId, Collection<Long> personIds) {
        if (personIds.isEmpty()) {
            return;
        }
        Info l = info(lectureId);
        mail(l, "lecture.mail.invite", recipients(lectureId, personIds, false), false, "lecture:" + lectureId + ":invite");
    }

    /** An update (raised SEQUENCE) to everyone invited who has not declined. */
    void changed(long lectureId) {
        Info l = info(lectureId);
        mail(l, "lecture.mail.update", recipients(lectureId, null, false), false,
                "lecture:" + lectureId + ":update:" + l.sequence());
    }

    /** A cancellation to everyone invited (a decline does not stop a calendar program from holding the event). */
    void cancelled(long lectureId, String reason) {
        Info l = info(lectureId);
        mail(l, "lecture.mail.cancel", recipients(lectureId, null, true), true, "lecture:" + lectureId + ":cancel");
    }

    /** People no longer in the audience: their calendar entry is removed. Their invitee rows are already gone. */
    void uninvite(long lectureId, Collection<Long> personIds) {
        if (personIds.isEmpty()) {
            return;
        }
        Info l = info(lectureId);
        List<Recipient> people = jdbc.sql("select id, name, email from person where id in (:ids) and email is not null")
                .param("ids", personIds)
                .query((rs, n) -> new Recipient(rs.getLong("id"), rs.getString("name"), rs.getString("email"))).list();
        mail(l, "lecture.mail.uninvite", people, true, "lecture:" + lectureId + ":uninvite:" + l.sequence());
    }

    private void mail(Info l, String template, List<Recipient> recipients, boolean cancel, String dedupPrefix) {
        Map<Long, Locale> language = languages.of(recipients.stream().map(Recipient::personId).toList());
        for (Recipient r : recipients) {
            OutgoingMail.Attachment file = new OutgoingMail.Attachment("lecture.ics", cancel ? ICS_CANCEL : ICS_REQUEST,
                    ics(l, cancel, r));
            Locale locale = language.get(r.personId());
            outbox.enqueue(templates.compose(r.email(), locale, template, file, r.name(), l.title(),
                            Formats.dateTime(l.start()), Formats.time(l.end()), l.where(),
                            templates.baseUrl() + "/lectures/" + l.id(), l.reason() == null ? "" : l.reason()),
                    dedupPrefix + ":person:" + r.personId());
        }
    }

    /** The lecture as the one calendar event its invitations, updates and cancellation share (same UID). */
    byte[] ics(Info l, boolean cancel, Recipient to) {
        return new CalendarFile(cancel ? CalendarFile.Method.CANCEL : CalendarFile.Method.REQUEST, null)
                .forAttendee(to.name(), to.email()).add(event(l, templates.baseUrl(), from, cancel)).bytes(clock.instant());
    }

    static CalendarFile.Event event(Info l, String baseUrl, String organizer, boolean cancel) {
        return CalendarFile.Event.timed(uid(l.id()), l.sequence(), l.start(), l.end(), l.title(), l.where(), l.topic(),
                baseUrl + "/lectures/" + l.id(), organizer, cancel);
    }

    static String uid(long lectureId) {
        return "lecture-" + lectureId + "@tongxin";
    }

    private List<Recipient> recipients(long lectureId, Collection<Long> personIds, boolean includingDeclined) {
        String filter = (personIds == null ? "" : " and li.person_id in (:ids)")
                        + (includingDeclined ? "" : " and li.response <> 'DECLINED'");
        var q = jdbc.sql("select p.id, p.name, p.email from lecture_invitee li join person p on p.id = li.person_id"
                         + " where li.lecture_id = :l and p.email is not null" + filter).param("l", lectureId);
        if (personIds != null) {
            q = q.param("ids", personIds);
        }
        return q.query((rs, n) -> new Recipient(rs.getLong("id"), rs.getString("name"), rs.getString("email"))).list();
    }

    Info info(long lectureId) {
        return jdbc.sql("""
                        select l.id, l.title, t.title as topic, l.starts_at, l.ends_at, l.ics_sequence, l.status, l.cancel_reason,
                               concat_ws(' ', v.name, v.address, l.place) as place
                        from lecture l join lecture_topic t on t.id = l.topic_id left join lecture_venue v on v.id = l.venue_id
                        where l.id = :id""").param("id", lectureId)
                .query((rs, n) -> new Info(rs.getLong("id"), rs.getString("title"), rs.getString("topic"),
                        rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                        rs.getString("place"), rs.getInt("ics_sequence"), rs.getString("status"), rs.getString("cancel_reason")))
                .single();
    }
}
