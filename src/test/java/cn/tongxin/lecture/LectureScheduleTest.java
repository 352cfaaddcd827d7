package cn.tongxin.lecture;

import cn.tongxin.IntegrationTest;
import cn.tongxin.TestUsers;
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
}
