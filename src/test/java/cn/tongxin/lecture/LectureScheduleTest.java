package cn.tongxin.lecture;

import cn.tongxin.IntegrationTest;
import cn.tongxin.TestUsers;
import cn.tongxin.attendance.ClientInfo;
import cn.tongxin.attendance.OccasionRef;
import cn.tongxin.attendance.SignInOutcome;
import cn.tongxin.attendance.SignInResult;
import cn.tongxin.attendance.SignInService;
import cn.tongxin.base.DomainException;
import cn.tongxin.people.Audience;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class LectureScheduleTest {

    @Autowired LectureService lectures;
    @Autowired LectureOccasions occasions;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired LectureFixtures fixtures;
    @Autowired SignInService signIn;

    @BeforeEach
    void signIn() {
        users.signIn("organizer");
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void a_lecturer_booked_at_an_overlapping_time_is_named_as_a_clash_and_refused_by_the_database() {
        LectureFixtures.Setup s = fixtures.setup("clash");
        Instant start = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS);
        long first = lectures.create(s.lecture("第一场", start, start.plus(Duration.ofHours(2)), null));

        LectureData second = s.lecture("第二场", start.plus(Duration.ofHours(1)), start.plus(Duration.ofHours(3)), null);
        assertThat(lectures.clashes(second, null)).singleElement()
                .satisfies(c -> {
                    assertThat(c.kind()).isEqualTo(Clash.Kind.LECTURER);
                    assertThat(c.lectureId()).isEqualTo(first);
                });
        assertThatThrownBy(() -> lectures.create(second)).isInstanceOf(DomainException.class)
                .hasMessage("lecture.error.lecturer-clash");

        // Right after the first one ends is free.
        lectures.create(s.lecture("第三场", start.plus(Duration.ofHours(2)), start.plus(Duration.ofHours(3)), null));
    }

    @Test
    void publishing_invites_the_audience_and_makes_them_expected_at_the_lecture_sign_in() {
        LectureFixtures.Setup s = fixtures.setup("publish");
        Instant start = Instant.now().plus(Duration.ofDays(31)).truncatedTo(ChronoUnit.HOURS);
        long id = lectures.create(s.lecture("发布", start, start.plus(Duration.ofHours(2)), null));
        assertThat(occasions.expects(id, s.invitee())).isFalse();

        lectures.publish(id, lectures.get(id).version());

        assertThat(occasions.expects(id, s.invitee())).isTrue();
        assertThat(occasions.find(id)).get().satisfies(o -> assertThat(o.ref().kind()).isEqualTo("LECTURE"));
        assertThat(lectures.get(id).invited()).isEqualTo(1);
    }

    @Test
    void a_city_organizer_cannot_plan_a_lecture_for_the_province() {
        LectureFixtures.Setup s = fixtures.setup("scope");
        users.signIn("qingzhou");
        Instant start = Instant.now().plus(Duration.ofDays(32)).truncatedTo(ChronoUnit.HOURS);
        assertThatThrownBy(() -> lectures.create(s.lecture("越权", start, start.plus(Duration.ofHours(2)), null)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_venue_holding_a_lecture_is_refused_for_another_at_an_overlapping_time_and_free_again_once_it_is_cancelled() {
        LectureFixtures.Setup s = fixtures.setup("venue");
        LectureFixtures.Setup other = fixtures.setup("venue-other");
        Instant start = Instant.now().plus(Duration.ofDays(33)).truncatedTo(ChronoUnit.HOURS);
        long first = lectures.create(s.lecture("会场一", start, start.plus(Duration.ofHours(2)), s.venueId()));
        // another lecturer, same venue, half an hour later
        LectureData second = other.lecture("会场二", start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofHours(2)), s.venueId());

        assertThat(lectures.clashes(second, null)).extracting(Clash::kind, Clash::lectureId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Clash.Kind.VENUE, first));
        assertThatThrownBy(() -> lectures.create(second)).hasMessage("lecture.error.venue-clash");

        lectures.cancel(first, lectures.get(first).version(), "会场检修");
        assertThat(lectures.clashes(second, null)).isEmpty();
        assertThat(lectures.get(lectures.create(second)).status()).isEqualTo(LectureStatus.PLANNED);
    }

    @Test
    void organizers_saving_the_same_lecturer_at_the_same_minute_at_once_leave_exactly_one_lecture() throws Exception {
        LectureFixtures.Setup s = fixtures.setup("race");
        Instant start = Instant.now().plus(Duration.ofDays(34)).truncatedTo(ChronoUnit.MINUTES);
        int racers = 8;
        var ready = new java.util.concurrent.CyclicBarrier(racers);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
        List<java.util.concurrent.Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String title = "同时保存 " + i;
            outcomes.add(pool.submit(() -> {
                users.signIn("organizer");
                ready.await();
                try {
                    lectures.create(s.lecture(title, start, start.plus(Duration.ofHours(2)), null));
                    return "saved";
                } catch (DomainException e) {
                    return e.getMessage();
                } finally {
                    SecurityContextHolder.clearContext();
                }
            }));
        }
        List<String> results = new ArrayList<>();
        for (var f : outcomes) {
            results.add(f.get());
        }
        pool.shutdown();

        assertThat(results).filteredOn("saved"::equals).hasSize(1);
        assertThat(results).filteredOn("lecture.error.lecturer-clash"::equals).hasSize(racers - 1);
        assertThat(jdbc.sql("select count(*) from lecture_lecturer where person_id = :p").param("p", s.lecturerId())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void an_invitee_scanning_the_door_qr_of_a_published_lecture_is_signed_in_to_the_lecture() {
        LectureFixtures.Setup s = fixtures.setup("door");
        Instant start = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        long id = lectures.create(s.lecture("门口签到", start, start.plus(Duration.ofHours(1)), null));
        lectures.publish(id, lectures.get(id).version());
        String token = signIn.doorCode(new OccasionRef("LECTURE", id)).token();

        users.signIn(inviteeAccount(s.invitee()));
        SignInResult result = signIn.signInWithToken(token, new ClientInfo("lecture-door-phone", "10.0.0.9", "test"));

        assertThat(result.outcome()).isEqualTo(SignInOutcome.SIGNED_IN);
        assertThat(result.occasion().ref()).isEqualTo(new OccasionRef("LECTURE", id));
        assertThat(jdbc.sql("select occasion_kind || ':' || method from sign_in where occasion_id = :id and person_id = :p")
                .param("id", id).param("p", s.invitee()).query(String.class).single()).isEqualTo("LECTURE:QR");
    }

    @Test
    void a_city_organizer_sees_neither_a_province_lecture_still_planned_nor_another_citys_lectures() {
        LectureFixtures.Setup s = fixtures.setup("visibility");
        Instant start = Instant.now().plus(Duration.ofDays(35)).truncatedTo(ChronoUnit.HOURS);
        long planned = lectures.create(s.lecture("省里筹备中", start, start.plus(Duration.ofHours(1)), null));
        long published = lectures.create(s.lecture("省里已发布", start.plus(Duration.ofHours(2)), start.plus(Duration.ofHours(3)), null));
        lectures.publish(published, lectures.get(published).version());
        long yunzhou = jdbc.sql("select id from unit where name = '云州市委统战部'").query(Long.class).single();
        LectureData cityData = s.lecture("云州专场", start.plus(Duration.ofHours(4)), start.plus(Duration.ofHours(5)), null);
        long city = lectures.create(new LectureData(cityData.topicId(), cityData.title(), yunzhou, null, cityData.lecturerIds(),
                null, null, cityData.startsAt(), cityData.endsAt(), 10, cityData.hours(), Audience.NOBODY,
                cityData.opensBefore(), cityData.lateAfter(), cityData.closesAfter()));
        lectures.publish(city, lectures.get(city).version());

        users.signIn("qingzhou");
        var seen = lectures.search(new LectureQuery(start.minus(Duration.ofDays(1)), start.plus(Duration.ofDays(1)), null, null,
                null, null), 500).stream().map(LectureRow::id).toList();
        assertThat(seen).contains(published).doesNotContain(planned, city);
        assertThatThrownBy(() -> lectures.get(city)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> lectures.get(planned)).isInstanceOf(AccessDeniedException.class);
    }

    private String inviteeAccount(long personId) {
        return jdbc.sql("select username from account where person_id = :p").param("p", personId).query(String.class).single();
    }
}
