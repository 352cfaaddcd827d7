package cn.tongxin.record;

import cn.tongxin.Application;
import cn.tongxin.IntegrationTest;
import cn.tongxin.TestUsers;
import cn.tongxin.attendance.AttendanceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static cn.tongxin.record.SelfStudyFixtures.HOSTILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class StudyHoursTest {

    @Autowired StudyArchive archives;
    @Autowired StudyHourRules rules;
    @Autowired StudyRecorder recorder;
    @Autowired StudyChain chain;
    @Autowired SelfStudy selfStudy;
    @Autowired SelfStudyFixtures fixtures;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private static final int YEAR = LocalDate.now(Application.ZONE).getYear();

    private static Instant in(int month, int day) {
        return LocalDateTime.of(YEAR, month, day, 9, 0).atZone(Application.ZONE).toInstant();
    }

    /** A day of this year not after today, {@code k} days before it at most (kept in the year). */
    private static LocalDate day(int k) {
        LocalDate d = LocalDate.now(Application.ZONE).minusDays(k);
        return d.getYear() == YEAR ? d : LocalDate.of(YEAR, 1, 1);
    }

    private void setRules(String entryCap, String yearCap, String defaultTarget, Map<Long, BigDecimal> sectors) {
        users.signIn("admin");
        rules.update(new BigDecimal(entryCap), new BigDecimal(yearCap), new BigDecimal(defaultTarget), sectors,
                rules.rules().version());
    }

    private long sector(int index) {
        return rules.rules().sectors().get(index).sectorId();
    }

    private String sectorName(long id) {
        return jdbc.sql("select name from sector where id = :id").param("id", id).query(String.class).single();
    }

    /** Submitted by the trainee, verified by the province checker (unless {@code pending}); returns the entry id. */
    private long selfStudied(SelfStudyFixtures.Person t, String title, LocalDate on, String hours, boolean verify) {
        users.signIn(t.username());
        long id = selfStudy.submit(new SelfStudyDraft(title, on, SelfStudyKind.READING, new BigDecimal(hours), null),
                List.of(new EvidenceFile("笔记.pdf", SelfStudyFixtures.pdf())));
        if (verify) {
            users.signIn("checker");
            selfStudy.verify(id, selfStudy.entry(id).version());
        }
        return id;
    }

    private void fact(long person, RecordKind kind, String source, long sourceId, Instant at, String hours, AttendanceStatus status) {
        transactions.executeWithoutResult(tx -> recorder.write(new StudyRecorder.Fact(person, kind, source, sourceId, at,
                kind + "-" + sourceId, "", new BigDecimal(hours), status)));
    }

    /**
     * Rules: 4 h per entry, 10 h per year, default target 50, sector A 60, sector B 40; the person is in A and B.
     * Sessions: present 3 + late 2 count (5), absent 2.5 and leave 1.5 do not; lecture present 2 counts; the
     * completion of 5 h is listed, not added. Self-study in the order studied: 6 h (4 count, over the entry cap),
     * 3 h (3), 5 h (3: the year's 10 reached), 2 h (0, over the year cap), and 2 h pending (0).
     * Total = 5 + 2 + (4 + 3 + 3) = 17 of a target of 60 (the higher of 60 and 40).
     */
    @Test
    void the_years_total_counts_attendance_and_capped_self_study_against_the_highest_sector_target() {
        users.signIn("admin");
        Map<Long, BigDecimal> sectors = new HashMap<>();
        long a = sector(0);
        long b = sector(1);
        sectors.put(a, new BigDecimal("60"));
        sectors.put(b, new BigDecimal("40"));
        setRules("4", "10", "50", sectors);
        SelfStudyFixtures.Person t = fixtures.trainee("hours-sum", null);
        fixtures.inSector(t.personId(), sectorName(a));
        fixtures.inSector(t.personId(), sectorName(b));
        long p = t.personId();
        fact(p, RecordKind.SESSION, "SESSION", 1, in(1, 2), "3", AttendanceStatus.PRESENT);
        fact(p, RecordKind.SESSION, "SESSION", 2, in(1, 3), "2", AttendanceStatus.LATE);
        fact(p, RecordKind.SESSION, "SESSION", 3, in(1, 4), "2.5", AttendanceStatus.ABSENT);
        fact(p, RecordKind.SESSION, "SESSION", 4, in(1, 5), "1.5", AttendanceStatus.LEAVE);
        fact(p, RecordKind.LECTURE, "LECTURE", 5, in(1, 6), "2", AttendanceStatus.PRESENT);
        fact(p, RecordKind.CLASS_COMPLETED, "CLASS", 6, in(1, 7), "5", null);
        long s1 = selfStudied(t, "自学一", day(5), "6", true);
        long s2 = selfStudied(t, HOSTILE, day(4), "3", true);
        long s3 = selfStudied(t, "自学三", day(3), "5", true);
        long s4 = selfStudied(t, "自学四", day(2), "2", true);
        long s5 = selfStudied(t, "自学五", day(1), "2", false);

        users.signIn(t.username());
        Archive archive = archives.archive(p, YEAR);
        assertThat(archive.countedHours()).isEqualByComparingTo("17");
        assertThat(archive.selfStudyCounted()).isEqualByComparingTo("10");
        assertThat(archive.selfStudyOverCap()).isEqualByComparingTo("6");
        assertThat(archive.selfStudyNotVerified()).isEqualTo(1);
        assertThat(archive.target()).isEqualByComparingTo("60");
        assertThat(archive.absentCount()).isEqualTo(1);
        assertThat(archive.absentHours()).isEqualByComparingTo("2.5");
        assertThat(archive.leaveCount()).isEqualTo(1);
        assertThat(archive.leaveHours()).isEqualByComparingTo("1.5");
        assertThat(archive.completed()).singleElement().satisfies(c -> assertThat(c.counts()).isFalse());
        assertThat(archive.selfStudy()).extracting(SelfStudyLine::entryId).containsExactly(s1, s2, s3, s4, s5);
        assertThat(archive.selfStudy()).extracting(l -> l.counted().stripTrailingZeros().toPlainString())
                .containsExactly("4", "3", "3", "0", "0");
        assertThat(archive.selfStudy()).extracting(SelfStudyLine::reason).containsExactly(
                SelfStudyLine.Reason.OVER_ENTRY_CAP, null, SelfStudyLine.Reason.OVER_YEAR_CAP,
                SelfStudyLine.Reason.OVER_YEAR_CAP, SelfStudyLine.Reason.PENDING);
        assertThat(archive.selfStudy().get(1).title()).isEqualTo(HOSTILE);

        // Raising the caps changes what counts; the records stay as they were.
        setRules("24", "100", "50", Map.of());
        users.signIn(t.username());
        Archive raised = archives.archive(p, YEAR);
        assertThat(raised.countedHours()).isEqualByComparingTo("23"); // 7 + 6 + 3 + 5 + 2
        assertThat(raised.target()).isEqualByComparingTo("50");
    }

    @Test
    void a_verification_writes_a_self_study_record_chained_in_the_log() {
        SelfStudyFixtures.Person t = fixtures.trainee("hours-chain", null);
        long id = selfStudied(t, "链上自学", day(1), "2", true);
        var row = jdbc.sql("select kind, source_kind, status, counts, unit_id, year from study_record where source_id = :id and kind = 'SELF_STUDY'")
                .param("id", id).query((rs, n) -> new Object[]{rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getBoolean(4), rs.getLong(5), rs.getInt(6)}).single();
        assertThat(row[1]).isEqualTo("SELF_STUDY");
        assertThat(row[2]).isNull();
        assertThat(row[3]).isEqualTo(true);
        assertThat(jdbc.sql("""
                        select count(*) from study_record_log l join study_record r on r.id = l.record_id
                        where r.source_id = :id and r.kind = 'SELF_STUDY'""").param("id", id).query(Long.class).single())
                .isEqualTo(1L);
        users.signIn("checker");
        assertThat(chain.verify((Long) row[4], (Integer) row[5]).intact()).isTrue();
    }

    @Test
    void the_database_refuses_a_self_study_record_with_a_status_or_that_does_not_count() {
        long person = users.newTrainee("hours-db-" + System.nanoTime());
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into study_record (person_id, kind, source_kind, source_id, year, occurred_at, title, hours, status,
                                                  counts, unit_id, updated_at)
                        select id, 'SELF_STUDY', 'SELF_STUDY', 1, 2026, now(), 'x', 1, null, false, unit_id, now() from person where id = :p""")
                .param("p", person).update()).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into study_record (person_id, kind, source_kind, source_id, year, occurred_at, title, hours, status,
                                                  counts, unit_id, updated_at)
                        select id, 'SELF_STUDY', 'SELF_STUDY', 1, 2026, now(), 'x', 1, 'PRESENT', true, unit_id, now() from person where id = :p""")
                .param("p", person).update()).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void only_an_administrator_changes_the_rules() {
        users.signIn("organizer");
        int version = rules.rules().version();
        assertThatThrownBy(() -> rules.update(BigDecimal.ONE, BigDecimal.TEN, BigDecimal.TEN, Map.of(), version))
                .isInstanceOf(AccessDeniedException.class);
        users.signIn("checker");
        assertThatThrownBy(() -> rules.update(BigDecimal.ONE, BigDecimal.TEN, BigDecimal.TEN, Map.of(), version))
                .isInstanceOf(AccessDeniedException.class);
        users.signIn("admin");
        assertThatThrownBy(() -> rules.update(BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.TEN, Map.of(), version))
                .isInstanceOf(cn.tongxin.base.DomainException.class);
        assertThat(rules.rules().version()).isEqualTo(version);
    }

    @Test
    void the_pdf_opens_with_the_name_the_total_and_a_hostile_title_as_text_and_its_download_is_scoped_and_audited() throws Exception {
        setRules("4", "20", "50", Map.of());
        SelfStudyFixtures.Person t = fixtures.trainee("hours-pdf", null);
        fact(t.personId(), RecordKind.SESSION, "SESSION", 1, in(1, 2), "3", AttendanceStatus.PRESENT);
        selfStudied(t, HOSTILE, day(1), "2", true);

        users.signIn(t.username());
        String name = jdbc.sql("select name from person where id = :p").param("p", t.personId()).query(String.class).single();
        byte[] pdf = archives.pdf(t.personId(), YEAR, Locale.SIMPLIFIED_CHINESE);
        PdfReader reader = new PdfReader(pdf);
        StringBuilder text = new StringBuilder();
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            text.append(new PdfTextExtractor(reader).getTextFromPage(page));
        }
        String flat = text.toString().replaceAll("\\s", "");
        assertThat(flat).contains(name.replaceAll("\\s", "")).contains("已完成5/目标50学时")
                .contains(HOSTILE.replaceAll("\\s", ""));

        users.signIn("qingzhou");
        assertThatThrownBy(() -> archives.pdf(t.personId(), YEAR, Locale.SIMPLIFIED_CHINESE)).isInstanceOf(AccessDeniedException.class);
        users.signIn("organizer");
        assertThat(archives.pdf(t.personId(), YEAR, Locale.SIMPLIFIED_CHINESE)).startsWith("%PDF".getBytes());
        assertThat(jdbc.sql("""
                        select actor || ':' || action from audit_event where target_type = 'STUDY_ARCHIVE' and target_id = :p""")
                .param("p", t.personId()).query(String.class).list()).containsExactly("organizer:EXPORT");
    }
}
