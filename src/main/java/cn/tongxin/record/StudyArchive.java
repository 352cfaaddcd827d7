package cn.tongxin.record;

import cn.tongxin.Application;
import cn.tongxin.attendance.AttendanceStatus;
import cn.tongxin.audit.AuditDetail;
import cn.tongxin.audit.AuditService;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Each person's study archive (一人一档), read by the person themselves, by the organizers and checkers whose unit
 * subtree holds the person, and by administrators; reading someone else's is audited.
 */
@Service
public class StudyArchive {

    static final String TARGET = "STUDY_ARCHIVE";

    private final JdbcClient jdbc;
    private final AuditService audit;
    private final Clock clock;

    private final StudyHourRules rules;
    private final ArchivePdf pdf;

    StudyArchive(JdbcClient jdbc, AuditService audit, Clock clock, StudyHourRules rules, ArchivePdf pdf) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.rules = rules;
        this.pdf = pdf;
    }

    /** The signed-in account's person, or empty for an account without one (an office account). */
    @PreAuthorize("isAuthenticated()")
    public java.util.Optional<Long> myPersonId() {
        return java.util.Optional.ofNullable(Callers.require().personId());
    }

    /** The person's archive for the year: the three lists in date order and the totals. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public Archive archive(long personId, int year) {
        return read(personId, year, allowed(personId, year));
    }

    /**
     * The person's archive for the year as a PDF (Chinese, font embedded): for the person themselves and for whoever
     * may read it; someone else's download is audited (EXPORT).
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public byte[] pdf(long personId, int year, java.util.Locale locale) {
        Caller caller = Callers.require();
        String name = allowedQuietly(personId);
        if (!caller.isPerson(personId)) {
            audit.record(AuditService.EXPORT, TARGET, personId, name, AuditDetail.of("record.hours.audit.pdf", year));
        }
        return pdf.render(read(personId, year, name), locale, clock.instant());
    }

    private Archive read(long personId, int year, String name) {
        List<ArchiveEntry> entries = jdbc.sql("""
                        select id, kind, source_id, occurred_at, title, context, hours, status, counts from study_record
                        where person_id = :p and year = :y order by occurred_at, id""")
                .param("p", personId).param("y", year)
                .query((rs, n) -> new ArchiveEntry(rs.getLong("id"), RecordKind.valueOf(rs.getString("kind")),
                        rs.getLong("source_id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("title"), rs.getString("context"),
                        rs.getBigDecimal("hours"), rs.getString("status") == null ? null : AttendanceStatus.valueOf(rs.getString("status")),
                        rs.getBoolean("counts")))
                .list();
        // Not completing leaves no record behind: the enrollment says so (read only, as certificate does).
        List<NotCompleted> notCompleted = jdbc.sql("""
                        select c.id, c.title, c.end_date from rotation_enrollment e join rotation_class c on c.id = e.class_id
                        where e.person_id = :p and e.status = 'NOT_COMPLETED' and extract(year from c.end_date) = :y
                        order by c.end_date, c.id""")
                .param("p", personId).param("y", year)
                .query((rs, n) -> new NotCompleted(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate())).list();
        // Self-study not (yet) verified has no record: self_study says so (pending, sent back).
        List<SelfStudyLine> unverified = jdbc.sql("""
                        select id, title, studied_on, hours, status from self_study
                        where person_id = :p and status <> 'VERIFIED' and studied_on >= make_date(:y, 1, 1)
                          and studied_on < make_date(:y + 1, 1, 1)
                        order by studied_on, id""")
                .param("p", personId).param("y", year)
                .query((rs, n) -> new SelfStudyLine(rs.getLong(1), null, rs.getString(2), rs.getDate(3).toLocalDate(),
                        rs.getBigDecimal(4), BigDecimal.ZERO.setScale(1), SelfStudyLine.Reason.valueOf(rs.getString(5))))
                .list();
        BigDecimal[] caps = rules.caps();
        List<SelfStudyLine> selfStudy = new ArrayList<>(capped(ofKind(entries, RecordKind.SELF_STUDY), caps[0], caps[1]));
        BigDecimal selfStudyCounted = selfStudy.stream().map(SelfStudyLine::counted).reduce(BigDecimal.ZERO.setScale(1), BigDecimal::add);
        selfStudy.addAll(unverified);
        selfStudy.sort(Comparator.comparing(SelfStudyLine::studiedOn).thenComparing(SelfStudyLine::entryId));
        BigDecimal counted = sum(entries.stream().filter(e -> e.counts() && e.kind() != RecordKind.SELF_STUDY).toList())
                .add(selfStudyCounted);
        List<ArchiveEntry> absent = entries.stream().filter(e -> e.status() == AttendanceStatus.ABSENT).toList();
        List<ArchiveEntry> leave = entries.stream().filter(e -> e.status() == AttendanceStatus.LEAVE).toList();
        return new Archive(personId, name, year, ofKind(entries, RecordKind.CLASS_COMPLETED), ofKind(entries, RecordKind.SESSION),
                ofKind(entries, RecordKind.LECTURE), notCompleted, counted, absent.size(), sum(absent), leave.size(), sum(leave),
                List.copyOf(selfStudy), selfStudyCounted, rules.targetOf(personId));
    }

    /**
     * The caps on verified self-study, in the order studied: each entry counts at most {@code entryCap}, and the year
     * at most {@code yearCap} in all (the entries after it is reached count what is left of it, then nothing).
     */
    static List<SelfStudyLine> capped(List<ArchiveEntry> verified, BigDecimal entryCap, BigDecimal yearCap) {
        List<SelfStudyLine> lines = new ArrayList<>();
        BigDecimal left = yearCap;
        for (ArchiveEntry e : verified) {
            BigDecimal perEntry = e.hours().min(entryCap);
            BigDecimal counted = perEntry.min(left.max(BigDecimal.ZERO)).setScale(1, RoundingMode.HALF_UP);
            left = left.subtract(counted);
            SelfStudyLine.Reason reason = counted.compareTo(perEntry) < 0 ? SelfStudyLine.Reason.OVER_YEAR_CAP
                    : counted.compareTo(e.hours()) < 0 ? SelfStudyLine.Reason.OVER_ENTRY_CAP : null;
            lines.add(new SelfStudyLine(e.sourceId(), e.id(), e.title(),
                    e.occurredAt().atZone(Application.ZONE).toLocalDate(), e.hours(), counted, reason));
        }
        return lines;
    }

    /** The years the person has records in, newest first, always with the current year. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<Integer> years(long personId) {
        allowedQuietly(personId);
        TreeSet<Integer> years = new TreeSet<>(jdbc.sql("""
                        select distinct year from study_record where person_id = :p
                        union select extract(year from studied_on)::int from self_study where person_id = :p""")
                .param("p", personId).query(Integer.class).list());
        years.add(clock.instant().atZone(Application.ZONE).getYear());
        return List.copyOf(years.descendingSet());
    }

    /** The person's name, when the caller may read their archive; audits a read of someone else's. */
    private String allowed(long personId, int year) {
        Caller caller = Callers.require();
        String name = allowedQuietly(personId);
        if (!caller.isPerson(personId)) {
            audit.record(AuditService.VIEW, TARGET, personId, name, AuditDetail.of("record.archive.viewed", year));
        }
        return name;
    }

    private String allowedQuietly(long personId) {
        Caller caller = Callers.require();
        var person = jdbc.sql("select p.name, u.path from person p join unit u on u.id = p.unit_id where p.id = :id")
                .param("id", personId).query((rs, n) -> new String[]{rs.getString(1), rs.getString(2)}).optional()
                .orElseThrow(() -> new AccessDeniedException("no such person"));
        if (!caller.isPerson(personId) && !caller.managesUnit(person[1])) {
            throw new AccessDeniedException("person outside the caller's scope");
        }
        return person[0];
    }

    private static List<ArchiveEntry> ofKind(List<ArchiveEntry> entries, RecordKind kind) {
        return entries.stream().filter(e -> e.kind() == kind).toList();
    }

    private static BigDecimal sum(List<ArchiveEntry> entries) {
        return entries.stream().map(ArchiveEntry::hours).reduce(BigDecimal.ZERO.setScale(1), BigDecimal::add);
    }
}
