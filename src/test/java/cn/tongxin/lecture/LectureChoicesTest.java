package cn.tongxin.lecture;

import cn.tongxin.IntegrationTest;
import cn.tongxin.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class LectureChoicesTest {

    @Autowired LectureChoices choices;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private long venueOf(long unitId, String name) {
        return jdbc.sql("insert into lecture_venue (name, capacity, unit_id) values (:n, 100, :u) returning id")
                .param("n", name + System.nanoTime()).param("u", unitId).query(Long.class).single();
    }

    @Test
    void a_city_organizer_is_offered_the_venues_of_the_city_and_of_the_province_but_not_of_another_city() {
        long province = jdbc.sql("select id from unit where parent_id is null").query(Long.class).single();
        long qingzhou = jdbc.sql("select unit_id from account where username = 'qingzhou'").query(Long.class).single();
        long otherCity = jdbc.sql("select id from unit where parent_id = :p and kind = 'CITY' and id <> :c order by id limit 1")
                .param("p", province).param("c", qingzhou).query(Long.class).single();
        long ofProvince = venueOf(province, "省会场");
        long ofCity = venueOf(qingzhou, "市会场");
        long ofOtherCity = venueOf(otherCity, "别市会场");

        users.signIn("qingzhou");
        List<Long> offered = choices.venues(null).stream().map(LectureChoices.VenueChoice::id).toList();
        assertThat(offered).contains(ofProvince, ofCity).doesNotContain(ofOtherCity);
        // What a lecture being edited already has stays offered.
        assertThat(choices.venues(ofOtherCity).stream().map(LectureChoices.VenueChoice::id)).contains(ofOtherCity);

        users.signIn("admin");
        assertThat(choices.venues(null).stream().map(LectureChoices.VenueChoice::id)).contains(ofProvince, ofCity, ofOtherCity);
    }

    @Test
    void only_current_topics_and_active_lecturers_are_offered_and_venues_only_to_organizers() {
        long province = jdbc.sql("select id from unit where parent_id is null").query(Long.class).single();
        long old = jdbc.sql("""
                        insert into lecture_topic (title, unit_id, current_from, current_to) values ('旧主题', :u, current_date - 400,
                        current_date - 40) returning id""").param("u", province).query(Long.class).single();
        long person = jdbc.sql("insert into person (name, gender, unit_id) values ('停用宣讲员', 'F', :u) returning id")
                .param("u", province).query(Long.class).single();
        jdbc.sql("insert into lecturer (person_id, active) values (:p, false)").param("p", person).update();

        users.signIn("organizer");
        assertThat(choices.topics(null)).extracting(LectureChoices.TopicChoice::id).doesNotContain(old);
        assertThat(choices.topics(old)).extracting(LectureChoices.TopicChoice::id).contains(old);
        assertThat(choices.lecturers(List.of())).extracting(p -> p.id()).doesNotContain(person);
        assertThat(choices.lecturers(List.of(person))).extracting(p -> p.id()).contains(person);

        users.signIn("trainee");
        assertThatThrownBy(() -> choices.venues(null)).isInstanceOf(AccessDeniedException.class);
    }
}
