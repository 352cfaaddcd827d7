package cn.tongxin.lecture;

import cn.tongxin.IntegrationTest;
import cn.tongxin.TestUsers;
import cn.tongxin.base.CalendarFile;
import cn.tongxin.notification.OutboxDelivery;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The invitation, update and cancellation of a lecture, through the outbox and a real SMTP server, read back by ical4j. */
@IntegrationTest
class LectureMailsTest {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(CalendarFile.ZONE);

    @Autowired LectureService lectures;
    @Autowired LectureFixtures fixtures;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;
    @Autowired Clock clock;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void publishing_moving_and_cancelling_mail_a_request_an_update_and_a_cancel_of_the_same_calendar_event() throws Exception {
        LectureFixtures.Setup s = fixtures.setup("mails");
        String mail = "lect-mail-" + System.nanoTime() + "@example.cn";
        jdbc.sql("update person set email = :m where id = :p").param("m", mail).param("p", s.invitee()).update();
        users.signIn("organizer");
        Instant start = Instant.now().plus(Duration.ofDays(50)).truncatedTo(ChronoUnit.HOURS);
        Instant moved = start.plus(Duration.ofDays(1)).plus(Duration.ofHours(2));
        LectureData d = s.lecture("学习贯彻全会精神宣讲", start, start.plus(Duration.ofHours(2)), s.venueId());
        long id = lectures.create(d);

        lectures.publish(id, lectures.get(id).version());
        lectures.update(id, lectures.get(id).version(), d.at(moved, moved.plus(Duration.ofHours(2))));
        lectures.cancel(id, lectures.get(id).version(), "会场临时调整");

        List<MimeMessage> received = OutboxDelivery.deliver(jdbc, transactions, clock, List.of(mail));
        assertThat(received).hasSize(3);
        assertThat(received).allSatisfy(m -> assertThat(m.getAllRecipients()[0].toString()).isEqualTo(mail));
        String uid = "lecture-" + id + "@tongxin";

        Calendar invite = Ics.parse(ics(received.get(0), "method=REQUEST"));
        assertThat(received.get(0).getSubject()).contains("宣讲邀请", "学习贯彻全会精神宣讲");
        assertThat(Ics.value(invite, Property.METHOD)).isEqualTo("REQUEST");
        VEvent first = Ics.events(invite).getFirst();
        assertThat(Ics.value(first, Property.UID)).isEqualTo(uid);
        assertThat(Ics.value(first, Property.SEQUENCE)).isEqualTo("0");
        assertThat(Ics.value(first, Property.DTSTART)).isEqualTo(LOCAL.format(start));
        assertThat(Ics.parameter(first, Property.DTSTART, Parameter.TZID)).isEqualTo("Asia/Shanghai");
        assertThat(Ics.value(first, Property.LOCATION)).contains("会场mails");
        assertThat(Ics.value(first, Property.ATTENDEE)).isEqualToIgnoringCase("mailto:" + mail);
        assertThat(invite.validate(true).getEntries()).as("ical4j's RFC 5545/5546 validation of the REQUEST").isEmpty();

        Calendar update = Ics.parse(ics(received.get(1), "method=REQUEST"));
        assertThat(received.get(1).getSubject()).contains("变更");
        VEvent second = Ics.events(update).getFirst();
        assertThat(Ics.value(second, Property.UID)).isEqualTo(uid);
        assertThat(Ics.value(second, Property.SEQUENCE)).isEqualTo("1");
        assertThat(Ics.value(second, Property.DTSTART)).isEqualTo(LOCAL.format(moved));

        Calendar cancel = Ics.parse(ics(received.get(2), "method=CANCEL"));
        assertThat(received.get(2).getSubject()).contains("取消");
        assertThat(Ics.value(cancel, Property.METHOD)).isEqualTo("CANCEL");
        VEvent third = Ics.events(cancel).getFirst();
        assertThat(Ics.value(third, Property.UID)).isEqualTo(uid);
        assertThat(Ics.value(third, Property.STATUS)).isEqualTo("CANCELLED");
        assertThat(Integer.parseInt(Ics.value(third, Property.SEQUENCE))).isGreaterThan(1);
        assertThat(cancel.validate(true).getEntries()).as("ical4j's RFC 5545/5546 validation of the CANCEL").isEmpty();

        assertThat(jdbc.sql("select count(*) from mail_outbox where recipient = :m and status = 'SENT'").param("m", mail)
                .query(Long.class).single()).isEqualTo(3);
    }

    /** The .ics attachment of a received mail, checked to be a calendar of that method. */
    private static String ics(MimeMessage message, String method) throws Exception {
        MimeMultipart parts = (MimeMultipart) message.getContent();
        BodyPart file = parts.getBodyPart(1);
        assertThat(file.getFileName()).isEqualTo("lecture.ics");
        assertThat(file.getContentType()).startsWith("text/calendar").contains(method);
        try (InputStream in = file.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
