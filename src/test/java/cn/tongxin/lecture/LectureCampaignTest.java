package cn.tongxin.lecture;

import cn.tongxin.IntegrationTest;
import cn.tongxin.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static cn.tongxin.Application.ZONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class LectureCampaignTest {

    @Autowired LectureCampaign campaign;
    @Autowired LectureFixtures fixtures;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private long lecture(long topic, long unit, long lecturer, LocalDateTime start, String status) {
        long id = jdbc.sql("""
                        insert into lecture (topic_id, title, unit_id, starts_at, ends_at, status, cancel_reason, created_by)
                        values (:t, '覆盖测试', :u, :s, :e, :st, case when :st = 'CANCELLED' then '取消' end, 'test') returning id""")
                .param("t", topic).param("u", unit).param("s", Timestamp.from(start.atZone(ZONE).toInstant()))
                .param("e", Timestamp.from(start.plusHours(2).atZone(ZONE).toInstant())).param("st", status)
                .query(Long.class).single();
        jdbc.sql("insert into lecture_lecturer (lecture_id, person_id, during) values (:l, :p, tstzrange(now(), now() + interval '1 second'))")
                .param("l", id).param("p", lecturer).update();
        return id;
    }

    private long person(long unit) {
        return jdbc.sql("insert into person (name, gender, unit_id) values ('听众', 'F', :u) returning id").param("u", unit)
                .query(Long.class).single();
    }

    @Test
    void units_and_sectors_are_held_scheduled_or_none_with_the_audience_reached_and_each_lecturers_months() {
        LectureFixtures.Setup s = fixtures.setup("campaign");
        List<Long> cities = jdbc.sql("select id from unit where kind = 'CITY' order by sort_order, id").query(Long.class).list();
        long a = cities.get(0), b = cities.get(1), c = cities.get(2);
        long county = jdbc.sql("select id from unit where parent_id = :a order by id limit 1").param("a", a).query(Long.class).single();
        List<Long> sectors = jdbc.sql("select id from sector where active order by sort_order, id").query(Long.class).list();
        long s1 = sectors.get(0), s2 = sectors.get(1);
        LocalDate from = LocalDate.of(2031, 3, 1), to = LocalDate.of(2031, 5, 31);

        // City A: held in one of its counties, for sector 1 only; two of its people invited, one signed in.
        long held = lecture(s.topicId(), county, s.lecturerId(), LocalDateTime.of(2031, 3, 10, 9, 0), "HELD");
        jdbc.sql("insert into lecture_audience_sector values (:l, :s)").param("l", held).param("s", s1).update();
        long p1 = person(county), p2 = person(a);
        for (long p : List.of(p1, p2)) {
            jdbc.sql("insert into lecture_invitee (lecture_id, person_id, invited_at) values (:l, :p, now())")
                    .param("l", held).param("p", p).update();
        }
        jdbc.sql("""
                insert into sign_in (occasion_kind, occasion_id, person_id, status, method, signed_at)
                values ('LECTURE', :l, :p, 'PRESENT', 'QR', now())""").param("l", held).param("p", p1).update();
        // City B: one published for everybody; city C: only a cancelled one; and one outside the period in C.
        lecture(s.topicId(), b, s.lecturerId(), LocalDateTime.of(2031, 5, 20, 14, 0), "PUBLISHED");
        lecture(s.topicId(), c, s.lecturerId(), LocalDateTime.of(2031, 4, 2, 9, 0), "CANCELLED");
        lecture(s.topicId(), c, s.lecturerId(), LocalDateTime.of(2031, 6, 2, 9, 0), "PUBLISHED");

        users.signIn("organizer");
        CampaignReport r = campaign.campaign(s.topicId(), from, to);

        Map<Long, CampaignReport.Unit> byId = new java.util.HashMap<>();
        r.units().forEach(u -> byId.put(u.id(), u));
        assertThat(byId.get(a).state()).isEqualTo(CampaignState.HELD);
        assertThat(byId.get(a).state(s1)).isEqualTo(CampaignState.HELD);
        assertThat(byId.get(a).state(s2)).isEqualTo(CampaignState.NONE);
        assertThat(byId.get(a).held()).isEqualTo(1);
        assertThat(byId.get(a).invited()).isEqualTo(2);
        assertThat(byId.get(a).signedIn()).isEqualTo(1);
        assertThat(byId.get(b).state()).isEqualTo(CampaignState.SCHEDULED);
        assertThat(byId.get(b).state(s2)).isEqualTo(CampaignState.SCHEDULED);
        assertThat(byId.get(b).scheduled()).isEqualTo(1);
        assertThat(byId.get(c).state()).isEqualTo(CampaignState.NONE);
        assertThat(r.counts(null)).containsEntry(CampaignState.HELD, 1).containsEntry(CampaignState.SCHEDULED, 1)
                .containsEntry(CampaignState.NONE, r.units().size() - 2);
        assertThat(r.counts(s2)).containsEntry(CampaignState.HELD, 0).containsEntry(CampaignState.SCHEDULED, 1);
        // The province organizer's table is the province's children (cities and member units), not the counties.
        assertThat(byId).doesNotContainKey(county);

        assertThat(r.months()).containsExactly(YearMonth.of(2031, 3), YearMonth.of(2031, 4), YearMonth.of(2031, 5));
        CampaignReport.LecturerLoad load = r.loads().stream().filter(l -> l.personId() == s.lecturerId()).findFirst().orElseThrow();
        assertThat(load.in(YearMonth.of(2031, 3))).isEqualTo(1);
        assertThat(load.in(YearMonth.of(2031, 4))).isZero();
        assertThat(load.in(YearMonth.of(2031, 5))).isEqualTo(1);
        assertThat(load.total()).isEqualTo(2);
    }

    @Test
    void a_city_organizer_sees_its_counties_and_only_what_lies_in_its_city() {
        LectureFixtures.Setup s = fixtures.setup("campaign-city");
        long city = jdbc.sql("select unit_id from account where username = 'qingzhou'").query(Long.class).single();
        List<Long> counties = jdbc.sql("select id from unit where parent_id = :c order by id").param("c", city).query(Long.class).list();
        long other = jdbc.sql("select id from unit where kind = 'CITY' and id <> :c order by id limit 1").param("c", city)
                .query(Long.class).single();
        lecture(s.topicId(), counties.get(0), s.lecturerId(), LocalDateTime.of(2032, 1, 5, 9, 0), "PUBLISHED");
        long elsewhere = fixtures.setup("campaign-city-2").lecturerId();
        lecture(s.topicId(), other, elsewhere, LocalDateTime.of(2032, 1, 6, 9, 0), "HELD");

        users.signIn("qingzhou");
        CampaignReport r = campaign.campaign(s.topicId(), LocalDate.of(2032, 1, 1), LocalDate.of(2032, 1, 31));

        assertThat(r.units()).extracting(CampaignReport.Unit::id).containsExactlyInAnyOrderElementsOf(counties);
        assertThat(r.counts(null)).containsEntry(CampaignState.SCHEDULED, 1).containsEntry(CampaignState.HELD, 0);
        assertThat(r.loads()).extracting(CampaignReport.LecturerLoad::personId).contains(s.lecturerId()).doesNotContain(elsewhere);
    }

    @Test
    void a_topic_of_another_city_is_not_followed_by_a_city_organizer() {
        long other = jdbc.sql("""
                select id from unit where kind = 'CITY' and id <> (select unit_id from account where username = 'qingzhou')
                order by id limit 1""").query(Long.class).single();
        long topic = jdbc.sql("""
                        insert into lecture_topic (title, unit_id, current_from, current_to) values ('他市', :u, current_date, current_date)
                        returning id""").param("u", other).query(Long.class).single();
        users.signIn("qingzhou");
        assertThat(campaign.topics()).extracting(CampaignTopic::id).doesNotContain(topic);
        assertThatThrownBy(() -> campaign.campaign(topic, LocalDate.now(), LocalDate.now())).isInstanceOf(AccessDeniedException.class);
    }
}
