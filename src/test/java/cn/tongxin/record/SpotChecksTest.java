package cn.tongxin.record;

import cn.tongxin.IntegrationTest;
import cn.tongxin.TestUsers;
import cn.tongxin.attendance.Anomaly;
import cn.tongxin.base.DomainException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static cn.tongxin.record.SelfStudyFixtures.HOSTILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class SpotChecksTest {

    static final String QINGZHOU = "青州市委统战部";
    static final String YUNZHOU = "云州市委统战部";

    @Autowired SpotChecks spotChecks;
    @Autowired SpotCheckFixtures fixtures;
    @Autowired SelfStudyFixtures people;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired cn.tongxin.certificate.Completions completions;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private List<Long> itemRecords(long spotCheckId) {
        return spotChecks.items(spotCheckId).stream().map(SpotChecks.Item::recordId).toList();
    }

    @Test
    void a_draw_keeps_its_seed_and_a_redraw_gives_the_same_records_in_the_same_order() {
        long unit = fixtures.unitUnder(QINGZHOU, "重现");
        long person = fixtures.person(unit, "抽查甲");
        List<Long> records = fixtures.sessions(person, 2024, 12);
        users.signIn(people.checker("sc-qz", QINGZHOU));

        long id = spotChecks.draw(unit, 2024, 5);

        Long seed = jdbc.sql("select seed from spot_check where id = :id").param("id", id).query(Long.class).single();
        assertThat(seed).isNotNull();
        SpotChecks.SpotCheck check = spotChecks.spotCheck(id);
        assertThat(check.seed()).isEqualTo(seed);
        assertThat(check.population()).isEqualTo(12);
        List<Long> drawn = itemRecords(id);
        assertThat(drawn).hasSize(5).doesNotHaveDuplicates();
        assertThat(records).containsAll(drawn);
        assertThat(spotChecks.redraw(id)).containsExactlyElementsOf(drawn);
        // A record written after the draw does not change the redraw.
        fixtures.sessions(person, 2024, 3);
        assertThat(spotChecks.redraw(id)).containsExactlyElementsOf(drawn);
        // The sample is the stated function of the seed and the ids, which anyone can recompute.
        List<Long> recomputed = jdbc.sql("""
                        select id from study_record where id in (:ids) order by md5(:seed || ':' || id), id limit 5""")
                .param("ids", records).param("seed", String.valueOf(seed)).query(Long.class).list();
        assertThat(recomputed).containsExactlyElementsOf(drawn);
    }

    @Test
    void the_sample_is_of_the_units_subtree_and_year_only_and_a_large_n_takes_them_all() {
        long unit = fixtures.unitUnder(QINGZHOU, "范围");
        long below = jdbc.sql("insert into unit (parent_id, name, kind, path) values (:p, :n, 'MEMBER', '') returning id")
                .param("p", unit).param("n", "抽查下级" + System.nanoTime()).query(Long.class).single();
        long other = fixtures.unitUnder(QINGZHOU, "旁支");
        List<Long> expected = new ArrayList<>(fixtures.sessions(fixtures.person(unit, "抽查乙"), 2023, 3));
        expected.addAll(fixtures.sessions(fixtures.person(below, "抽查丙"), 2023, 2));
        List<Long> otherYear = fixtures.sessions(fixtures.person(unit, "抽查丁"), 2022, 2);
        List<Long> otherUnit = fixtures.sessions(fixtures.person(other, "抽查戊"), 2023, 2);
        users.signIn("checker");

        long id = spotChecks.draw(unit, 2023, 50);

        assertThat(itemRecords(id)).containsExactlyInAnyOrderElementsOf(expected)
                .doesNotContainAnyElementsOf(otherYear).doesNotContainAnyElementsOf(otherUnit);
        assertThat(spotChecks.spotCheck(id).sampleSize()).isEqualTo(50);
        assertThat(spotChecks.redraw(id)).containsExactlyElementsOf(itemRecords(id));
    }

    @Test
    void the_evidence_of_a_qr_sign_in_shows_its_method_device_address_and_a_shared_phone() {
        long unit = fixtures.unitUnder(QINGZHOU, "证据");
        long person = fixtures.person(unit, "抽查己");
        long record = fixtures.sessions(person, 2024, 1).getFirst();
        long occasion = fixtures.sourceOf(record);
        Instant at = Instant.parse("2024-03-01T01:02:03Z");
        jdbc.sql("""
                        insert into sign_in (occasion_kind, occasion_id, person_id, status, method, signed_at, device_id,
                                             remote_address, user_agent)
                        values ('SESSION', :o, :p, 'PRESENT', 'QR', :at, 'device-abcdef-1234', '10.1.2.3', 'TestPhone')""")
                .param("o", occasion).param("p", person).param("at", Timestamp.from(at)).update();
        jdbc.sql("""
                        insert into sign_in_refusal (occasion_kind, occasion_id, person_id, reason, device_id, remote_address, at,
                                                     repeats, last_at, bucket)
                        values ('SESSION', :o, null, 'DEVICE_USED', 'device-abcdef-1234', '10.1.2.3', :at, 1, :at, :at)""")
                .param("o", occasion).param("at", Timestamp.from(at.plusSeconds(30))).update();
        users.signIn("checker");
        long id = spotChecks.draw(unit, 2024, 1);
        long item = spotChecks.items(id).getFirst().id();

        SpotChecks.Evidence e = spotChecks.evidence(item);

        assertThat(e.signIn().method()).isEqualTo("QR");
        assertThat(e.signIn().deviceId()).isEqualTo("device-abcdef-1234");
        assertThat(e.signIn().remoteAddress()).isEqualTo("10.1.2.3");
        assertThat(e.signIn().signedAt()).isEqualTo(at);
        assertThat(e.flags()).containsExactly(Anomaly.Kind.SHARED_DEVICE);
    }

    @Test
    void the_evidence_of_a_completion_names_its_class_and_the_sessions_attended() {
        long unit = fixtures.unitUnder(QINGZHOU, "结业");
        completions.as("organizer");
        var started = completions.startedClass("抽查结业");
        long person = started.personIds().getFirst();
        // The records take the person's unit when they are written: this unit's draw holds only them.
        jdbc.sql("update person set unit_id = :u where id = :p").param("u", unit).param("p", person).update();
        completions.complete(started.classId(), person, 1);
        int year = jdbc.sql("select year from study_record where person_id = :p and kind = 'CLASS_COMPLETED'")
                .param("p", person).query(Integer.class).single();
        users.signIn("checker");
        long id = spotChecks.draw(unit, year, 10);
        SpotChecks.Item completion = spotChecks.items(id).stream()
                .filter(i -> i.kind() == RecordKind.CLASS_COMPLETED).findFirst().orElseThrow();

        SpotChecks.Evidence e = spotChecks.evidence(completion.id());

        assertThat(e.classTitle()).isEqualTo(started.title());
        assertThat(e.sessions()).isEqualTo(2);
        assertThat(e.attended()).isEqualTo(1);
        assertThat(e.signIn()).isNull();
    }

    @Test
    void a_confirmed_item_is_final_and_a_question_needs_a_note_reaches_the_organizer_by_mail_who_answers() {
        long unit = fixtures.unitUnder(QINGZHOU, "问询");
        SelfStudyFixtures.Person organizer = fixtures.organizer(unit);
        fixtures.sessions(fixtures.person(unit, "抽查庚"), 2024, 2);
        users.signIn(people.checker("sc-qz", QINGZHOU));
        long id = spotChecks.draw(unit, 2024, 2);
        List<SpotChecks.Item> items = spotChecks.items(id);
        long first = items.get(0).id();
        long second = items.get(1).id();

        spotChecks.decide(first, SpotChecks.Verdict.CONFIRMED, null);
        assertThatThrownBy(() -> spotChecks.decide(first, SpotChecks.Verdict.QUESTIONED, "改主意"))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> spotChecks.decide(second, SpotChecks.Verdict.QUESTIONED, "  "))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> spotChecks.decide(second, SpotChecks.Verdict.QUESTIONED, "x".repeat(1001)))
                .isInstanceOf(DomainException.class);
        spotChecks.decide(second, SpotChecks.Verdict.QUESTIONED, "  " + HOSTILE + "  ");

        SpotChecks.Item questioned = spotChecks.items(id).get(1);
        assertThat(questioned.verdict()).isEqualTo(SpotChecks.Verdict.QUESTIONED);
        assertThat(questioned.note()).isEqualTo(HOSTILE);
        assertThat(questioned.decidedBy()).isNotNull();
        assertThat(questioned.decidedAt()).isNotNull();
        assertThat(spotChecks.spotCheck(id).status()).isEqualTo(SpotChecks.Status.DONE);
        String body = jdbc.sql("select body from mail_outbox where recipient = :r").param("r", organizer.email())
                .query(String.class).single();
        assertThat(body).contains(HOSTILE);

        users.signIn(organizer.username());
        assertThat(spotChecks.questionedForMe()).extracting(SpotChecks.Item::id).contains(second).doesNotContain(first);
        assertThatThrownBy(() -> spotChecks.answer(second, " ")).isInstanceOf(DomainException.class);
        spotChecks.answer(second, "签到表已核对");
        assertThatThrownBy(() -> spotChecks.answer(second, "再答")).isInstanceOf(DomainException.class);
        SpotChecks.Item answered = spotChecks.questionedForMe().stream().filter(i -> i.id() == second).findFirst().orElseThrow();
        assertThat(answered.resolutionNote()).isEqualTo("签到表已核对");
        assertThat(answered.resolvedBy()).isEqualTo(organizer.username());
        assertThat(answered.resolvedAt()).isNotNull();
        assertThatThrownBy(() -> spotChecks.decide(second, SpotChecks.Verdict.CONFIRMED, null))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_checker_of_another_city_can_neither_draw_nor_see_the_spot_check_or_its_items() {
        long unit = fixtures.unitUnder(QINGZHOU, "他城");
        fixtures.sessions(fixtures.person(unit, "抽查辛"), 2024, 2);
        users.signIn(people.checker("sc-qz", QINGZHOU));
        long id = spotChecks.draw(unit, 2024, 2);
        long item = spotChecks.items(id).getFirst().id();

        users.signIn(people.checker("sc-yz", YUNZHOU));

        assertThatThrownBy(() -> spotChecks.draw(unit, 2024, 2)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> spotChecks.items(id)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> spotChecks.redraw(id)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> spotChecks.evidence(item)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> spotChecks.decide(item, SpotChecks.Verdict.CONFIRMED, null))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(spotChecks.list()).extracting(SpotChecks.SpotCheck::id).doesNotContain(id);
        assertThat(spotChecks.units()).extracting(ScopeOption::id).doesNotContain(unit);
    }
}
