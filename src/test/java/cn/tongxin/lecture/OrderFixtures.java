package cn.tongxin.lecture;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * Rows for the order tests: a province lecture group (so the province topics of {@link LectureFixtures} can be
 * ordered), the demo cities, and an organizer account with a mail address acting for a unit.
 */
@Component
public class OrderFixtures {

    private final JdbcClient jdbc;
    private final LectureFixtures lectures;

    OrderFixtures(JdbcClient jdbc, LectureFixtures lectures) {
        this.jdbc = jdbc;
        this.lectures = lectures;
    }

    public record Setup(LectureFixtures.Setup base, long groupId, long cityId, long otherCityId, String organizerEmail) {

        /** The lecture form of accepting an order (topic, unit and group come from the order). */
        public LectureData lecture(Instant start, Instant end) {
            return new LectureData(base.topicId(), "点单宣讲", cityId, null, Set.of(base.lecturerId()), null, "会议室", start,
                    end, 40, BigDecimal.valueOf(2), null, LectureData.OPENS_BEFORE, LectureData.LATE_AFTER,
                    LectureData.CLOSES_AFTER);
        }
    }

    /** A province topic and group, with an organizer of qingzhou's city (the ordering unit) who has a mail address. */
    public Setup setup(String tag) {
        LectureFixtures.Setup base = lectures.setup("order-" + tag);
        long group = jdbc.sql("insert into lecture_group (name, unit_id) values (:n, :u) returning id")
                .param("n", "省宣讲团" + tag + System.nanoTime()).param("u", base.provinceId()).query(Long.class).single();
        long city = cityOf("qingzhou");
        long other = jdbc.sql("select id from unit where kind = 'CITY' and id <> :c order by sort_order, id limit 1")
                .param("c", city).query(Long.class).single();
        String email = organizer("org-" + tag + "-" + System.nanoTime() % 1_000_000_000, city);
        return new Setup(base, group, city, other, email);
    }

    public long cityOf(String username) {
        return jdbc.sql("select unit_id from account where username = :u").param("u", username).query(Long.class).single();
    }

    /** A new organizer account of the unit, with a person and a mail address; returns the address. */
    public String organizer(String username, long unitId) {
        String email = username + "@example.cn";
        long person = jdbc.sql("insert into person (name, gender, unit_id, email) values (:n, 'M', :u, :e) returning id")
                .param("n", "联络员" + username).param("u", unitId).param("e", email).query(Long.class).single();
        long account = jdbc.sql("""
                        insert into account (username, password_hash, display_name, person_id, unit_id)
                        values (:u, '!', :n, :p, :unit) returning id""")
                .param("u", username).param("n", "联络员").param("p", person).param("unit", unitId).query(Long.class).single();
        jdbc.sql("insert into account_role (account_id, role) values (:a, 'ORGANIZER')").param("a", account).update();
        return email;
    }
}
