package cn.tongxin.lecture;

import cn.tongxin.IntegrationTest;
import cn.tongxin.MutableClock;
import cn.tongxin.TestUsers;
import cn.tongxin.attendance.AttendanceStatus;
import cn.tongxin.base.DomainException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@IntegrationTest
class LectureFeedbackTest {

    @Autowired LectureFeedback feedback;
    @Autowired ReportFixtures fixtures;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired MutableClock clock;

    @AfterEach
    void reset() {
        clock.reset();
        SecurityContextHolder.clearContext();
    }

    /** The same rating for every question asked. */
    private Map<Long, Integer> all(int rating) {
        Map<Long, Integer> r = new HashMap<>();
        feedback.questions().forEach(q -> r.put(q.id(), rating));
        return r;
    }

    /** {@code first} for the first question, {@code second} for the second, 3 for the others. */
    private Map<Long, Integer> ratings(int first, int second) {
        List<FeedbackQuestion> qs = feedback.questions();
        Map<Long, Integer> r = all(3);
        r.put(qs.get(0).id(), first);
        r.put(qs.get(1).id(), second);
        return r;
    }

    @Test
    void feedback_opens_when_the_lecture_ends_and_closes_a_week_later() {
        ReportFixtures.Held h = fixtures.held("window", 3, Duration.ofDays(1));
        users.signIn(h.audienceUsers().get(0));

        clock.set(h.end().minusSeconds(60));
        assertThat(feedback.state(h.lectureId()).status()).isEqualTo(FeedbackState.Status.NOT_YET);
        assertThatThrownBy(() -> feedback.give(h.lectureId(), all(4), null, false))
                .isInstanceOf(DomainException.class).hasMessage("lecture.reports.feedback.error.not-yet");

        clock.set(h.end().plusSeconds(60));
        assertThat(feedback.state(h.lectureId()).open()).isTrue();
        feedback.give(h.lectureId(), all(4), null, false);
        assertThat(feedback.state(h.lectureId()).status()).isEqualTo(FeedbackState.Status.GIVEN);

        users.signIn(h.audienceUsers().get(1));
        clock.set(h.end().plus(LectureFeedback.WINDOW).minusSeconds(1));
        assertThat(feedback.state(h.lectureId()).open()).isTrue();
        clock.set(h.end().plus(LectureFeedback.WINDOW));
        assertThat(feedback.state(h.lectureId()).status()).isEqualTo(FeedbackState.Status.CLOSED);
        assertThatThrownBy(() -> feedback.give(h.lectureId(), all(4), null, true))
                .isInstanceOf(DomainException.class).hasMessage("lecture.reports.feedback.error.closed");
    }

    @Test
    void nobody_answers_twice_not_even_once_named_and_once_anonymously() {
        ReportFixtures.Held h = fixtures.held("twice", 1, Duration.ofHours(3));
        users.signIn(h.audienceUsers().getFirst());
        feedback.give(h.lectureId(), all(5), null, true);

        assertThatThrownBy(() -> feedback.give(h.lectureId(), all(1), null, true))
                .isInstanceOf(DomainException.class).hasMessage("lecture.reports.feedback.error.given");
        assertThatThrownBy(() -> feedback.give(h.lectureId(), all(1), null, false))
                .isInstanceOf(DomainException.class).hasMessage("lecture.reports.feedback.error.given");
        assertThat(jdbc.sql("select count(*) from lecture_feedback where lecture_id = :l").param("l", h.lectureId())
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void two_answers_of_one_person_at_the_same_moment_make_one() throws Exception {
        ReportFixtures.Held h = fixtures.held("race", 1, Duration.ofHours(3));
        String who = h.audienceUsers().getFirst();
        users.signIn(who);
        Map<Long, Integer> ratings = all(4);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        var start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<String>> tries = new java.util.ArrayList<>();
            for (boolean anonymous : new boolean[]{true, false}) {
                tries.add(pool.submit(() -> {
                    users.signIn(who);
                    start.await();
                    try {
                        feedback.give(h.lectureId(), ratings, null, anonymous);
                        return "given";
                    } catch (DomainException e) {
                        return e.getMessage();
                    } finally {
                        SecurityContextHolder.clearContext();
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new java.util.ArrayList<>();
            for (var t : tries) {
                outcomes.add(t.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(outcomes).containsExactlyInAnyOrder("given", "lecture.reports.feedback.error.given");
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from lecture_feedback where lecture_id = :l").param("l", h.lectureId())
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void only_the_audience_answers_invited_or_signed_in_and_never_the_lecturer() {
        ReportFixtures.Held h = fixtures.held("audience", 2, Duration.ofHours(3));
        users.signIn(h.lecturer());
        assertThat(feedback.state(h.lectureId()).status()).isEqualTo(FeedbackState.Status.NOT_INVITED);
        assertThatThrownBy(() -> feedback.give(h.lectureId(), all(5), null, false)).isInstanceOf(AccessDeniedException.class);

        String stranger = "fb-stranger-" + UUID.randomUUID().toString().substring(0, 8);
        users.newTrainee(stranger);
        users.signIn(stranger);
        FeedbackState state = feedback.state(h.lectureId());
        assertThat(state.status()).isEqualTo(FeedbackState.Status.NOT_INVITED);
        assertThat(state.title()).isNull();

        // Declined the invitation but came and signed in: may answer.
        jdbc.sql("update lecture_invitee set response = 'DECLINED', responded_at = now() where lecture_id = :l and person_id = :p")
                .param("l", h.lectureId()).param("p", h.audience().get(1)).update();
        users.signIn(h.audienceUsers().get(1));
        assertThat(feedback.state(h.lectureId()).status()).isEqualTo(FeedbackState.Status.NOT_INVITED);
        jdbc.sql("update lecture_invitee set response = 'INVITED', responded_at = null where lecture_id = :l and person_id = :p")
                .param("l", h.lectureId()).param("p", h.audience().get(1)).update();
        fixtures.mark(h, AttendanceStatus.PRESENT, List.of(h.audience().get(1)));
        jdbc.sql("update lecture_invitee set response = 'DECLINED', responded_at = now() where lecture_id = :l and person_id = :p")
                .param("l", h.lectureId()).param("p", h.audience().get(1)).update();
        users.signIn(h.audienceUsers().get(1));
        assertThat(feedback.state(h.lectureId()).open()).isTrue();
    }

    @Test
    void an_anonymous_answer_has_no_person_and_nothing_joins_it_to_the_fact_of_answering() {
        ReportFixtures.Held h = fixtures.held("anon", 3, Duration.ofHours(3));
        users.signIn(h.audienceUsers().get(0));
        feedback.give(h.lectureId(), all(4), "署名意见", false);
        users.signIn(h.audienceUsers().get(1));
        feedback.give(h.lectureId(), all(2), "匿名意见一", true);
        users.signIn(h.audienceUsers().get(2));
        feedback.give(h.lectureId(), all(5), "匿名意见二", true);

        assertThat(jdbc.sql("select count(*) from lecture_feedback where lecture_id = :l and person_id is null")
                .param("l", h.lectureId()).query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select person_id from lecture_feedback_given where lecture_id = :l").param("l", h.lectureId())
                .query(Long.class).list()).containsExactlyInAnyOrderElementsOf(h.audience());

        // The two tables have no column in common but the lecture, and no time finer than a day, no serial number.
        Map<String, String> answer = columns("lecture_feedback");
        Map<String, String> fact = columns("lecture_feedback_given");
        assertThat(answer).containsOnlyKeys("id", "lecture_id", "person_id", "comment", "given_on");
        assertThat(answer.get("id")).isEqualTo("uuid");
        assertThat(answer.get("given_on")).isEqualTo("date");
        assertThat(fact).containsOnlyKeys("lecture_id", "person_id");
        assertThat(columns("lecture_feedback_rating")).containsOnlyKeys("feedback_id", "question_id", "rating");
        assertThat(jdbc.sql("""
                        select count(*) from information_schema.columns
                        where table_name in ('lecture_feedback', 'lecture_feedback_given', 'lecture_feedback_rating')
                          and (data_type like 'time%' or column_default like 'nextval%')""")
                .query(Integer.class).single()).isZero();
        // The random ids are version 4 UUIDs: their order is not the order of answering.
        assertThat(jdbc.sql("select id from lecture_feedback where lecture_id = :l").param("l", h.lectureId())
                .query(UUID.class).list()).allSatisfy(id -> assertThat(id.version()).isEqualTo(4));

        // Nor does PostgreSQL's own record of the writing transaction (xmin) pair an anonymous answer with its fact:
        // after the last anonymous answer every fact and every anonymous answer of the lecture carries the same one.
        assertThat(jdbc.sql("""
                        select count(distinct x) from (
                          select xmin::text as x from lecture_feedback_given where lecture_id = :l
                          union all select f.xmin::text from lecture_feedback f where f.lecture_id = :l and f.person_id is null
                          union all select r.xmin::text from lecture_feedback_rating r join lecture_feedback f on f.id = r.feedback_id
                                    where f.lecture_id = :l and f.person_id is null) t""")
                .param("l", h.lectureId()).query(Integer.class).single()).isEqualTo(1);
    }

    private Map<String, String> columns(String table) {
        Map<String, String> out = new HashMap<>();
        jdbc.sql("select column_name, data_type from information_schema.columns where table_name = :t").param("t", table)
                .query(rs -> {
                    out.put(rs.getString(1), rs.getString(2));
                });
        return out;
    }

    @Test
    void results_give_the_average_count_distribution_and_comments_of_a_hand_made_example() {
        ReportFixtures.Held h = fixtures.held("results", 4, Duration.ofHours(3));
        String named = jdbc.sql("select name from person where id = :p").param("p", h.audience().get(0)).query(String.class).single();
        users.signIn(h.audienceUsers().get(0));
        feedback.give(h.lectureId(), ratings(5, 1), "讲得很好", false);
        users.signIn(h.audienceUsers().get(1));
        feedback.give(h.lectureId(), ratings(4, 1), "希望多举实例", true);
        users.signIn(h.audienceUsers().get(2));
        feedback.give(h.lectureId(), ratings(3, 2), null, true);

        users.signIn("organizer");
        FeedbackResults r = feedback.feedbackResults(h.lectureId());
        assertThat(r.lectures()).isEqualTo(1);
        assertThat(r.answers()).isEqualTo(3);
        FeedbackResults.QuestionResult first = r.questions().get(0);
        assertThat(first.count()).isEqualTo(3);
        assertThat(first.average()).isCloseTo(4.0, within(1e-9));
        assertThat(first.distribution()).containsExactly(0, 0, 1, 1, 1);
        FeedbackResults.QuestionResult second = r.questions().get(1);
        assertThat(second.average()).isCloseTo(4.0 / 3, within(1e-9));
        assertThat(second.distribution()).containsExactly(2, 1, 0, 0, 0);
        assertThat(r.questions().get(2).distribution()).containsExactly(0, 0, 3, 0, 0);
        assertThat(r.comments()).extracting(FeedbackResults.Comment::text).containsExactlyInAnyOrder("讲得很好", "希望多举实例");
        assertThat(r.comments()).filteredOn(c -> c.text().equals("希望多举实例")).singleElement()
                .satisfies(c -> assertThat(c.author()).isNull());
        assertThat(r.comments()).filteredOn(c -> c.text().equals("讲得很好")).singleElement()
                .satisfies(c -> assertThat(c.author()).isEqualTo(named));

        // The lecturer's and the topic's results are the same here: the fixture's lecturer and topic have this lecture only.
        FeedbackResults byLecturer = feedback.feedbackResultsByLecturer(h.lecturerId());
        FeedbackResults byTopic = feedback.feedbackResultsByTopic(h.topicId());
        assertThat(byLecturer.answers()).isEqualTo(3);
        assertThat(byTopic.answers()).isEqualTo(3);
        assertThat(byTopic.questions().get(0).average()).isCloseTo(4.0, within(1e-9));
        assertThat(feedback.lecturesWithFeedback()).extracting(ResultOption::id).contains(h.lectureId());
        assertThat(feedback.lecturersWithFeedback()).extracting(ResultOption::id).contains(h.lecturerId());
        assertThat(feedback.topicsWithFeedback()).extracting(ResultOption::id).contains(h.topicId());

        // The lecturer sees the results of the own lecture.
        users.signIn(h.lecturer());
        assertThat(feedback.feedbackResults(h.lectureId()).answers()).isEqualTo(3);
        assertThat(feedback.canSeeResults(h.lectureId())).isTrue();
    }

    @Test
    void results_stay_in_scope() {
        long qingzhouUnit = jdbc.sql("select unit_id from account where username = 'qingzhou'").query(Long.class).single();
        long otherCity = jdbc.sql("select id from unit where kind = 'CITY' and id <> :q order by id limit 1")
                .param("q", qingzhouUnit).query(Long.class).single();
        ReportFixtures.Held h = fixtures.held("rscope", 0, Duration.ofHours(3), otherCity);
        ReportFixtures.Held other = fixtures.held("rscope2", 0, Duration.ofHours(3));

        users.signIn("qingzhou");
        assertThatThrownBy(() -> feedback.feedbackResults(h.lectureId())).isInstanceOf(AccessDeniedException.class);
        assertThat(feedback.canSeeResults(h.lectureId())).isFalse();
        assertThat(feedback.feedbackResultsByTopic(h.topicId()).lectures()).isZero();
        users.signIn("checker");
        assertThat(feedback.feedbackResults(h.lectureId()).lectures()).isEqualTo(1);
        users.signIn(other.lecturer());
        assertThatThrownBy(() -> feedback.feedbackResults(h.lectureId())).isInstanceOf(AccessDeniedException.class);
        assertThat(feedback.feedbackResultsByLecturer(h.lecturerId()).lectures()).isZero();
        users.signIn("trainee");
        assertThatThrownBy(() -> feedback.feedbackResults(h.lectureId())).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void every_question_needs_a_rating_from_one_to_five_and_the_comment_has_a_limit() {
        ReportFixtures.Held h = fixtures.held("rules", 1, Duration.ofHours(3));
        users.signIn(h.audienceUsers().getFirst());
        Map<Long, Integer> missing = all(3);
        missing.remove(missing.keySet().iterator().next());
        assertThatThrownBy(() -> feedback.give(h.lectureId(), missing, null, false))
                .isInstanceOf(DomainException.class).hasMessage("lecture.reports.feedback.error.ratings");
        assertThatThrownBy(() -> feedback.give(h.lectureId(), all(6), null, false))
                .isInstanceOf(DomainException.class).hasMessage("lecture.reports.feedback.error.ratings");
        assertThatThrownBy(() -> feedback.give(h.lectureId(), all(3), "字".repeat(LectureFeedback.COMMENT_MAX + 1), false))
                .isInstanceOf(DomainException.class).hasMessage("lecture.reports.feedback.error.comment-too-long");
        assertThat(feedback.state(h.lectureId()).open()).isTrue();
    }
}
