package cn.tongxin.attendance;

import cn.tongxin.IntegrationTest;
import cn.tongxin.MutableClock;
import cn.tongxin.TestUsers;
import cn.tongxin.lecture.LectureFixtures;
import cn.tongxin.lecture.LectureService;
import cn.tongxin.security.SystemCaller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A lecture is one more occasion: leave and the closing job work for it as they do for a class session. */
@IntegrationTest
class LectureOccasionTest {

    @Autowired LectureService lectures;
    @Autowired LectureFixtures fixtures;
    @Autowired LeaveService leave;
    @Autowired ClosingJob closingJob;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired MutableClock clock;

    @AfterEach
    void reset() {
        clock.reset();
        SecurityContextHolder.clearContext();
    }

    @Test
    void an_invitee_asks_leave_from_a_lecture_and_once_approved_it_is_recorded_as_leave_of_that_lecture() {
        LectureFixtures.Setup s = fixtures.setup("leave");
        long id = publishedLecture(s, Instant.now().plus(Duration.ofDays(3)));
        OccasionRef ref = new OccasionRef("LECTURE", id);

        users.signIn(username(s.invitee()));
        assertThat(leave.leaveable()).extracting(Occasion::ref).contains(ref);
        leave.request(List.of(ref), "出差在外");

        users.signIn("organizer");
        long request = jdbc.sql("select id from leave_request where occasion_kind = 'LECTURE' and occasion_id = :id")
                .param("id", id).query(Long.class).single();
        leave.approve(request);

        assertThat(status(id, s.invitee())).isEqualTo("LEAVE");
    }

    @Test
    void when_a_lectures_sign_in_closes_the_invitees_who_did_not_come_are_marked_absent() {
        LectureFixtures.Setup s = fixtures.setup("closing");
        Instant start = Instant.now().plus(Duration.ofDays(4)).truncatedTo(ChronoUnit.HOURS);
        long id = publishedLecture(s, start);
        clock.set(start.plus(Duration.ofMinutes(61))); // the window closes an hour after the start

        SystemCaller.runAsSystem(closingJob::closeDue);

        assertThat(status(id, s.invitee())).isEqualTo("ABSENT");
    }

    private long publishedLecture(LectureFixtures.Setup s, Instant start) {
        users.signIn("organizer");
        long id = lectures.create(s.lecture("请假与结束 " + start, start, start.plus(Duration.ofHours(2)), null));
        lectures.publish(id, lectures.get(id).version());
        return id;
    }

    private String status(long lectureId, long personId) {
        return jdbc.sql("select status from sign_in where occasion_kind = 'LECTURE' and occasion_id = :id and person_id = :p")
                .param("id", lectureId).param("p", personId).query(String.class).single();
    }

    private String username(long personId) {
        return jdbc.sql("select username from account where person_id = :p").param("p", personId).query(String.class).single();
    }
}
