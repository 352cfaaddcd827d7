package cn.tongxin.record;

import cn.tongxin.Application;
import cn.tongxin.attendance.AttendanceStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Units of their own under a city with study records in them, so that a spot check's population is known. */
@Component
public class SpotCheckFixtures {

    private static final AtomicLong SOURCE = new AtomicLong(950_000_000L + (System.nanoTime() % 1_000_000) * 100);

    private final JdbcClient jdbc;
    private final StudyRecorder recorder;
    private final SelfStudyFixtures people;

    SpotCheckFixtures(JdbcClient jdbc, StudyRecorder recorder, SelfStudyFixtures people) {
        this.jdbc = jdbc;
        this.recorder = recorder;
        this.people = people;
    }

    /** A new unit under the unit named {@code parentName}; returns its id. */
    public long unitUnder(String parentName, String tag) {
        return jdbc.sql("""
                        insert into unit (parent_id, name, kind, path)
                        select id, :name, 'MEMBER', '' from unit where name = :parent returning id""")
                .param("parent", parentName).param("name", "抽查" + tag + System.nanoTime()).query(Long.class).single();
    }

    public String unitName(long unitId) {
        return jdbc.sql("select name from unit where id = :id").param("id", unitId).query(String.class).single();
    }

    /** A person of the unit (no account). */
    public long person(long unitId, String name) {
        return jdbc.sql("insert into person (name, gender, unit_id) values (:n, 'M', :u) returning id")
                .param("n", name).param("u", unitId).query(Long.class).single();
    }

    /** {@code n} session records of the person in {@code year}, present; returns their ids. */
    public List<Long> sessions(long personId, int year, int n) {
        List<Long> ids = new ArrayList<>();
        Instant at = LocalDate.of(year, 3, 1).atStartOfDay(Application.ZONE).toInstant();
        for (int i = 0; i < n; i++) {
            ids.add(session(personId, at.plusSeconds(86_400L * i), "第" + i + "讲"));
        }
        return ids;
    }

    public long session(long personId, Instant at, String title) {
        long source = SOURCE.incrementAndGet();
        recorder.write(new StudyRecorder.Fact(personId, RecordKind.SESSION, "SESSION", source, at, title, "抽查班",
                BigDecimal.valueOf(2), AttendanceStatus.PRESENT));
        return recordOf(personId, source);
    }

    public long sourceOf(long recordId) {
        return jdbc.sql("select source_id from study_record where id = :id").param("id", recordId).query(Long.class).single();
    }

    private long recordOf(long personId, long source) {
        return jdbc.sql("select id from study_record where person_id = :p and source_kind = 'SESSION' and source_id = :s")
                .param("p", personId).param("s", source).query(Long.class).single();
    }

    /** A new organizer of the unit with a person and a mail address; returns the username. */
    public SelfStudyFixtures.Person organizer(long unitId) {
        SelfStudyFixtures.Person p = people.trainee("sc-org", unitName(unitId));
        jdbc.sql("""
                        insert into account_role (account_id, role) select id, 'ORGANIZER' from account where person_id = :p
                        on conflict do nothing""").param("p", p.personId()).update();
        return p;
    }
}
