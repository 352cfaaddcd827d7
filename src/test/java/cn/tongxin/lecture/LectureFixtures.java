package cn.tongxin.lecture;

import cn.tongxin.TestUsers;
import cn.tongxin.people.Audience;
import org.springframework.stereotype.Component;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * Rows of the lecture feature's own for one test (a lecturer, a topic and a venue of the province, and one invitee
 * named in the audience), made straight in the database so that each test starts from what it needs.
 */
@Component
public class LectureFixtures {

    private final JdbcClient jdbc;
    private final TestUsers users;

    LectureFixtures(JdbcClient jdbc, TestUsers users) {
        this.jdbc = jdbc;
        this.users = users;
    }

    /** What one test works with; {@link #lecture} builds the form of a lecture of the province with them. */
    public record Setup(long provinceId, long lecturerId, long topicId, long venueId, long invitee) {

        public LectureData lecture(String title, Instant start, Instant end, Long venue) {
            return new LectureData(topicId, title, provinceId, null, Set.of(lecturerId), venue, "报告厅", start, end, 30,
                    BigDecimal.valueOf(2), new Audience(Set.of(), Set.of(), Set.of(), false, Set.of(invitee)),
                    LectureData.OPENS_BEFORE, LectureData.LATE_AFTER, LectureData.CLOSES_AFTER);
        }
    }

    /** {@code tag} keeps the names of one test's rows apart from the others'. */
    public Setup setup(String tag) {
        long province = jdbc.sql("select id from unit where parent_id is null").query(Long.class).single();
        long lecturer = jdbc.sql("insert into person (name, gender, unit_id) values (:n, 'M', :u) returning id")
                .param("n", "宣讲员" + tag).param("u", province).query(Long.class).single();
        jdbc.sql("insert into lecturer (person_id, fields, profile) values (:p, '理论', '简介')").param("p", lecturer).update();
        long topic = jdbc.sql("""
                        insert into lecture_topic (title, unit_id, current_from, current_to, menu_open)
                        values (:t, :u, current_date - 30, current_date + 365, true) returning id""")
                .param("t", "主题" + tag).param("u", province).query(Long.class).single();
        long venue = jdbc.sql("insert into lecture_venue (name, capacity, unit_id) values (:n, 200, :u) returning id")
                .param("n", "会场" + tag).param("u", province).query(Long.class).single();
        long invitee = users.newTrainee("lect-" + tag + "-" + System.nanoTime());
        return new Setup(province, lecturer, topic, venue, invitee);
    }
}
