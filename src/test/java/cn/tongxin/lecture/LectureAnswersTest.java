package cn.tongxin.lecture;

import cn.tongxin.IntegrationTest;
import cn.tongxin.MutableClock;
import cn.tongxin.TestUsers;
import cn.tongxin.base.DomainException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class LectureAnswersTest {

    @Autowired LectureService lectures;
    @Autowired LectureAnswers answers;
    @Autowired LectureOccasions occasions;
    @Autowired LectureFixtures fixtures;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired MutableClock clock;

    @AfterEach
    void tearDown() {
        clock.reset();
        SecurityContextHolder.clearContext();
    }

    /** A published lecture of the province in {@code days} days, inviting the setup's invitee (signed in as organizer). */
    private long published(LectureFixtures.Setup s, String title, int days) {
        users.signIn("organizer");
        Instant start = Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.HOURS);
        long id = lectures.create(s.lecture(title, start, start.plus(Duration.ofHours(2)), null));
        lectures.publish(id, lectures.get(id).version());
        return id;
    }

    private String username(long personId) {
        return jdbc.sql("select username from account where person_id = :p").param("p", personId).query(String.class).single();
    }

    @Test
    void the_invitee_confirms_and_later_declines_and_is_then_no_longer_expected_at_the_sign_in() {
        LectureFixtures.Setup s = fixtures.setup("answer");
        long id = published(s, "答复", 40);
        users.signIn(username(s.invitee()));
        assertThat(answers.myInvitation(id)).get().satisfies(i -> {
            assertThat(i.response()).isEqualTo(InviteeResponse.INVITED);
            assertThat(i.answerable()).isTrue();
        });

        answers.answer(id, InviteeResponse.CONFIRMED);
        assertThat(answers.myInvitations(Instant.now(), 100)).filteredOn(i -> i.lecture().id() == id).singleElement()
                .satisfies(i -> {
                    assertThat(i.response()).isEqualTo(InviteeResponse.CONFIRMED);
                    assertThat(i.respondedAt()).isNotNull();
                });
        assertThat(occasions.expects(id, s.invitee())).isTrue();

        answers.answer(id, InviteeResponse.DECLINED);
        assertThat(answers.myInvitation(id)).get().extracting(MyInvitation::response).isEqualTo(InviteeResponse.DECLINED);
        assertThat(occasions.expects(id, s.invitee())).isFalse();
        users.signIn("organizer");
        assertThat(lectures.get(id).declined()).isEqualTo(1);
    }

    @Test
    void another_person_cannot_answer_for_the_invitee() {
        LectureFixtures.Setup s = fixtures.setup("answer-other");
        long id = published(s, "代答", 41);
        String other = "lect-other-" + System.nanoTime();
        users.newTrainee(other);
        users.signIn(other);

        assertThatThrownBy(() -> answers.answer(id, InviteeResponse.DECLINED)).isInstanceOf(AccessDeniedException.class);
        assertThat(answers.myInvitation(id)).isEmpty();
        // Not even an organizer answers for them.
        users.signIn("organizer");
        assertThatThrownBy(() -> answers.answer(id, InviteeResponse.DECLINED)).isInstanceOf(AccessDeniedException.class);
        assertThat(jdbc.sql("select response from lecture_invitee where lecture_id = :l and person_id = :p")
                .param("l", id).param("p", s.invitee()).query(String.class).single()).isEqualTo("INVITED");
    }

    @Test
    void a_lecture_that_has_begun_or_was_cancelled_can_no_longer_be_answered() {
        LectureFixtures.Setup s = fixtures.setup("answer-late");
        long begun = published(s, "已开始", 42);
        long cancelled = published(s, "已取消", 43);
        lectures.cancel(cancelled, lectures.get(cancelled).version(), "场地维修");
        users.signIn(username(s.invitee()));

        assertThatThrownBy(() -> answers.answer(cancelled, InviteeResponse.CONFIRMED)).isInstanceOf(DomainException.class)
                .hasMessage("lecture.feeds.error.closed");
        clock.set(lectures.get(begun).data().startsAt().plusSeconds(60));
        assertThat(answers.myInvitation(begun)).get().extracting(MyInvitation::answerable).isEqualTo(false);
        assertThatThrownBy(() -> answers.answer(begun, InviteeResponse.CONFIRMED)).isInstanceOf(DomainException.class)
                .hasMessage("lecture.feeds.error.closed");
    }

    @Test
    void an_answer_is_confirmed_or_declined_never_back_to_invited() {
        LectureFixtures.Setup s = fixtures.setup("answer-invited");
        long id = published(s, "回退", 44);
        users.signIn(username(s.invitee()));
        assertThatThrownBy(() -> answers.answer(id, InviteeResponse.INVITED)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_database_refuses_an_answer_without_its_time_and_a_time_without_an_answer() {
        LectureFixtures.Setup s = fixtures.setup("answer-db");
        long id = published(s, "答复时间", 42);
        String where = " where lecture_id = " + id + " and person_id = " + s.invitee();

        assertThatThrownBy(() -> jdbc.sql("update lecture_invitee set response = 'CONFIRMED'" + where).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("lecture_invitee_answered");
        assertThatThrownBy(() -> jdbc.sql("update lecture_invitee set responded_at = now()" + where).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("lecture_invitee_answered");
    }
}
