package cn.tongxin.record;

import cn.tongxin.Application;
import cn.tongxin.audit.AuditService;
import cn.tongxin.base.DomainException;
import cn.tongxin.base.Page;
import cn.tongxin.notification.MailOutbox;
import cn.tongxin.notification.MailTemplates;
import cn.tongxin.people.MailLanguages;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Self-study (自学): a trainee enters what they studied on their own, with evidence; it waits (PENDING) for a checker
 * of the trainee's unit or above, who verifies it or sends it back with a reason (mailed to the trainee, who corrects
 * and resubmits). Every step is kept in {@code self_study_decision}. Organizers of the unit's subtree read the
 * entries; administrators read and decide on all. A verified entry is announced as {@link SelfStudyVerified}.
 */
@Service
public class SelfStudy {

    public static final int TITLE_MAX = 200;
    public static final int NOTE_MAX = 1000;
    public static final int REASON_MAX = 1000;
    public static final int FILES_MAX = 5;
    public static final int FILE_BYTES_MAX = EvidenceTypes.MAX_BYTES;
    public static final BigDecimal HOURS_MAX = new BigDecimal("24");
    /** What the upload offers the browser; the service checks each file again by its content. */
    public static final List<String> ACCEPTED = List.of(EvidenceTypes.ACCEPTED);
    static final String TARGET = "SELF_STUDY";
    static final String RETURNED_MAIL = "record.selfstudy.mail.returned";

    private static final String READERS = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "','" + Roles.CHECKER + "')";
    private static final String DECIDERS = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.CHECKER + "')";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditService audit;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final MailLanguages languages;
    private final ApplicationEventPublisher events;

    SelfStudy(JdbcClient jdbc, Clock clock, AuditService audit, MailOutbox outbox, MailTemplates templates,
              MailLanguages languages, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.outbox = outbox;
        this.templates = templates;
        this.languages = languages;
        this.events = events;
    }

    /**
     * Refuses, as {@link #submit} would, a file that is not a PDF, PNG or JPEG by content and name, or too large: an
     * upload form can say so the moment the file arrives. Touches no data.
     */
    public static void checkFile(EvidenceFile file) {
        EvidenceTypes.check(file);
    }

    // ---------------------------------------------------------------- the trainee

    /** Enters a self-study for the caller's own person; it starts pending. Returns its id. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public long submit(SelfStudyDraft draft, List<EvidenceFile> files) {
        Caller caller = Callers.require();
        if (caller.personId() == null) {
            throw new AccessDeniedException("not a person");
        }
        Clean c = clean(draft);
        List<EvidenceTypes.Checked> checked = check(files, 0);
        Timestamp now = Timestamp.from(clock.instant());
        long id = jdbc.sql("""
                        insert into self_study (person_id, unit_id, title, studied_on, kind, hours, note, created_at, updated_at)
                        select p.id, p.unit_id, :title, :on, :kind, :hours, :note, :now, :now from person p where p.id = :person
                        returning id""")
                .params(c.params()).param("person", caller.personId()).param("now", now).query(Long.class).single();
        store(id, checked, now);
        step(id, SelfStudyAction.SUBMITTED, null, caller, now);
        return id;
    }

    /** How many of the caller's entries wait for a checker, and how many were sent back to them (any year). */
    public record OpenEntries(int pending, int returned) implements java.io.Serializable {
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public OpenEntries myOpen() {
        Long me = Callers.require().personId();
        if (me == null) {
            return new OpenEntries(0, 0);
        }
        return jdbc.sql("""
                        select count(*) filter (where status = 'PENDING') as pending,
                               count(*) filter (where status = 'RETURNED') as returned
                        from self_study where person_id = :me""").param("me", me)
                .query((rs, n) -> new OpenEntries(rs.getInt("pending"), rs.getInt("returned"))).single();
    }

    /** The caller's own entries of a year, newest study first, each with its evidence and history. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<SelfStudyEntry> mine(int year) {
        Caller caller = Callers.require();
        if (caller.personId() == null) {
            return List.of();
        }
        List<Long> ids = jdbc.sql("""
                        select id from self_study where person_id = :me and studied_on >= :from and studied_on < :to
                        order by studied_on desc, id desc""")
                .param("me", caller.personId()).param("from", LocalDate.of(year, 1, 1)).param("to", LocalDate.of(year + 1, 1, 1))
                .query(Long.class).list();
        return ids.stream().map(id -> load(id, caller)).toList();
    }

    /**
     * Corrects a returned entry and submits it again (pending); new files are added to the evidence kept. The
     * history stays as it was, with a RESUBMITTED step.
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void resubmit(long id, int expectedVersion, SelfStudyDraft draft, List<EvidenceFile> files) {
        resubmit(id, expectedVersion, draft, files, Set.of());
    }

    /** As {@link #resubmit(long, int, SelfStudyDraft, List)}, dropping the stored evidence files {@code dropped} first. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void resubmit(long id, int expectedVersion, SelfStudyDraft draft, List<EvidenceFile> files, Set<Long> dropped) {
        Caller caller = Callers.require();
        Head head = head(id);
        if (!caller.isPerson(head.personId())) {
            throw new AccessDeniedException("not your entry");
        }
        if (head.status() != SelfStudyStatus.RETURNED) {
            throw new DomainException("record.selfstudy.error.not-returned");
        }
        Clean c = clean(draft);
        List<Long> stored = jdbc.sql("select id from self_study_evidence where entry_id = :id").param("id", id)
                .query(Long.class).list();
        int kept = (int) stored.stream().filter(e -> dropped == null || !dropped.contains(e)).count();
        List<EvidenceTypes.Checked> checked = check(files, kept);
        Timestamp now = Timestamp.from(clock.instant());
        int n = jdbc.sql("""
                        update self_study set title = :title, studied_on = :on, kind = :kind, hours = :hours, note = :note,
                               status = 'PENDING', version = version + 1, updated_at = :now
                        where id = :id and version = :version and status = 'RETURNED'""")
                .params(c.params()).param("now", now).param("id", id).param("version", expectedVersion).update();
        if (n == 0) {
            throw new DomainException("error.concurrent-change");
        }
        if (dropped != null && !dropped.isEmpty()) {
            jdbc.sql("delete from self_study_evidence where entry_id = :id and id in (:ids)").param("id", id)
                    .param("ids", dropped).update();
        }
        store(id, checked, now);
        step(id, SelfStudyAction.RESUBMITTED, null, caller, now);
    }

    // ---------------------------------------------------------------- reading

    /** One entry, for its trainee and for organizers and checkers of its unit or above. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public SelfStudyEntry entry(long id) {
        Caller caller = Callers.require();
        Head head = head(id);
        if (!caller.isPerson(head.personId()) && !reads(caller, head.unitPath())) {
            throw new AccessDeniedException("entry outside scope");
        }
        return load(id, caller);
    }

    /** An evidence file's bytes, for those who may read its entry. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public EvidenceContent evidence(long evidenceId) {
        Long entryId = jdbc.sql("select entry_id from self_study_evidence where id = :id").param("id", evidenceId)
                .query(Long.class).optional().orElseThrow(() -> new AccessDeniedException("no such evidence"));
        entry(entryId);
        return jdbc.sql("select file_name, content_type, content from self_study_evidence where id = :id")
                .param("id", evidenceId)
                .query((rs, n) -> new EvidenceContent(rs.getString("file_name"), rs.getString("content_type"),
                        rs.getBytes("content"))).single();
    }

    /**
     * The pending entries of the caller's subtree, oldest submission first: optionally of one unit's subtree (within
     * the caller's) and of people in one sector, studied in {@code year}.
     */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public Page<QueueRow> queue(Long unitId, Long sectorId, int year, int offset, int limit) {
        Caller caller = Callers.require();
        Map<String, Object> p = new HashMap<>();
        p.put("scope", caller.scopePath() + "%");
        p.put("from", LocalDate.of(year, 1, 1));
        p.put("to", LocalDate.of(year + 1, 1, 1));
        String where = "s.status = 'PENDING' and u.path like :scope and s.studied_on >= :from and s.studied_on < :to";
        if (unitId != null) {
            where += " and u.path like (select path from unit where id = :unit) || '%'";
            p.put("unit", unitId);
        }
        if (sectorId != null) {
            where += " and exists (select 1 from person_sector ps where ps.person_id = s.person_id and ps.sector_id = :sector)";
            p.put("sector", sectorId);
        }
        String from = " from self_study s join unit u on u.id = s.unit_id join person pe on pe.id = s.person_id where " + where;
        long total = jdbc.sql("select count(*)" + from).params(p).query(Long.class).single();
        p.put("offset", offset);
        p.put("limit", limit);
        List<QueueRow> rows = jdbc.sql("""
                        select s.id, pe.name as person_name, u.name as unit_name, s.title, s.studied_on, s.kind, s.hours,
                               s.updated_at, s.version,
                               (select count(*) from self_study_evidence e where e.entry_id = s.id) as files""" + from
                                       + " order by s.updated_at, s.id offset :offset limit :limit")
                .params(p).query((rs, n) -> new QueueRow(rs.getLong("id"), rs.getString("person_name"),
                        rs.getString("unit_name"), rs.getString("title"), rs.getObject("studied_on", LocalDate.class),
                        SelfStudyKind.valueOf(rs.getString("kind")), rs.getBigDecimal("hours"), rs.getInt("files"),
                        rs.getTimestamp("updated_at").toInstant(), rs.getInt("version"))).list();
        return new Page<>(rows, total);
    }

    /** The units the caller's queue can be narrowed to: their own and those below. */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public List<ScopeOption> units() {
        return jdbc.sql("select id, name from unit where path like :scope order by path, sort_order")
                .param("scope", Callers.require().scopePath() + "%")
                .query((rs, n) -> new ScopeOption(rs.getLong("id"), rs.getString("name"))).list();
    }

    /** The sectors (界别) the queue can be narrowed to. */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public List<ScopeOption> sectors() {
        return jdbc.sql("select id, name from sector where active order by sort_order, name")
                .query((rs, n) -> new ScopeOption(rs.getLong("id"), rs.getString("name"))).list();
    }

    // ---------------------------------------------------------------- the checker

    /**
     * Verifies a pending entry: it then counts. Of two checkers deciding at once, the first wins and the other is
     * told the entry changed. Announces {@link SelfStudyVerified} in the same transaction.
     */
    @PreAuthorize(DECIDERS)
    @Transactional
    public void verify(long id, int expectedVersion) {
        Caller caller = Callers.require();
        Head head = requireDecides(caller, id);
        Instant now = clock.instant();
        decide(id, expectedVersion, SelfStudyStatus.VERIFIED, now);
        step(id, SelfStudyAction.VERIFIED, null, caller, Timestamp.from(now));
        audit.record("ACCEPT", TARGET, id, head.title(), null);
        events.publishEvent(new SelfStudyVerified(id, head.personId(), head.hours(), head.studiedOn()));
    }

    /** Sends a pending entry back to its trainee with a reason, which is mailed to them. */
    @PreAuthorize(DECIDERS)
    @Transactional
    public void sendBack(long id, int expectedVersion, String reason) {
        Caller caller = Callers.require();
        Head head = requireDecides(caller, id);
        String r = reason == null ? "" : reason.trim();
        if (r.isEmpty()) {
            throw new DomainException("record.selfstudy.error.reason-required");
        }
        if (r.length() > REASON_MAX) {
            throw new DomainException("record.selfstudy.error.reason-too-long", REASON_MAX);
        }
        Instant now = clock.instant();
        int version = decide(id, expectedVersion, SelfStudyStatus.RETURNED, now);
        step(id, SelfStudyAction.RETURNED, r, caller, Timestamp.from(now));
        mailReturned(head, r, version);
        audit.record("RETURN", TARGET, id, head.title(), r);
    }

    private int decide(long id, int expectedVersion, SelfStudyStatus status, Instant now) {
        return jdbc.sql("""
                        update self_study set status = :status, version = version + 1, updated_at = :now
                        where id = :id and version = :version and status = 'PENDING' returning version""")
                .param("status", status.name()).param("now", Timestamp.from(now)).param("id", id)
                .param("version", expectedVersion)
                .query(Integer.class).optional().orElseThrow(() -> new DomainException("error.concurrent-change"));
    }

    private Head requireDecides(Caller caller, long id) {
        Head head = head(id);
        if (!decides(caller, head.unitPath())) {
            throw new AccessDeniedException("entry outside scope");
        }
        if (caller.isPerson(head.personId())) {
            // Nobody verifies their own study.
            throw new AccessDeniedException("own entry");
        }
        return head;
    }

    private void mailReturned(Head head, String reason, int version) {
        record Recipient(String name, String email) {
        }
        jdbc.sql("select name, email from person where id = :id and email is not null").param("id", head.personId())
                .query((rs, n) -> new Recipient(rs.getString("name"), rs.getString("email"))).optional()
                .ifPresent(r -> outbox.enqueue(templates.compose(r.email(), languages.of(head.personId()), RETURNED_MAIL,
                                r.name(), head.title(), head.studiedOn().toString(), reason,
                                templates.baseUrl() + "/my/self-study"),
                        "self-study:" + head.id() + ":returned:" + version));
    }

    // ---------------------------------------------------------------- rules

    private record Clean(String title, LocalDate studiedOn, SelfStudyKind kind, BigDecimal hours, String note) {
        Map<String, Object> params() {
            Map<String, Object> p = new HashMap<>();
            p.put("title", title);
            p.put("on", studiedOn);
            p.put("kind", kind.name());
            p.put("hours", hours);
            p.put("note", note);
            return p;
        }
    }

    private Clean clean(SelfStudyDraft d) {
        if (d == null) {
            throw new DomainException("record.selfstudy.error.title-required");
        }
        String title = d.title() == null ? "" : d.title().trim();
        if (title.isEmpty()) {
            throw new DomainException("record.selfstudy.error.title-required");
        }
        if (title.length() > TITLE_MAX) {
            throw new DomainException("record.selfstudy.error.title-too-long", TITLE_MAX);
        }
        if (d.studiedOn() == null) {
            throw new DomainException("record.selfstudy.error.date-required");
        }
        if (d.studiedOn().isAfter(LocalDate.now(clock.withZone(Application.ZONE)))) {
            throw new DomainException("record.selfstudy.error.date-future");
        }
        if (d.kind() == null) {
            throw new DomainException("record.selfstudy.error.kind-required");
        }
        BigDecimal hours = d.hours();
        if (hours == null || hours.signum() <= 0 || hours.compareTo(HOURS_MAX) > 0
            || hours.stripTrailingZeros().scale() > 1) {
            throw new DomainException("record.selfstudy.error.hours", HOURS_MAX);
        }
        String note = d.note() == null ? null : d.note().trim();
        if (note != null && note.isEmpty()) {
            note = null;
        }
        if (note != null && note.length() > NOTE_MAX) {
            throw new DomainException("record.selfstudy.error.note-too-long", NOTE_MAX);
        }
        return new Clean(title, d.studiedOn(), d.kind(), hours, note);
    }

    private static List<EvidenceTypes.Checked> check(List<EvidenceFile> files, int kept) {
        List<EvidenceFile> all = files == null ? List.of() : files;
        if (kept + all.size() > FILES_MAX) {
            throw new DomainException("record.selfstudy.error.file-count", FILES_MAX);
        }
        return all.stream().map(EvidenceTypes::check).toList();
    }

    private void store(long entryId, List<EvidenceTypes.Checked> files, Timestamp now) {
        for (EvidenceTypes.Checked f : files) {
            jdbc.sql("""
                            insert into self_study_evidence (entry_id, file_name, content_type, size_bytes, sha256, content, uploaded_at)
                            values (:entry, :name, :type, :size, :sha, :content, :now)""")
                    .param("entry", entryId).param("name", f.fileName()).param("type", f.contentType())
                    .param("size", f.content().length).param("sha", f.sha256()).param("content", f.content())
                    .param("now", now).update();
        }
    }

    private void step(long entryId, SelfStudyAction action, String reason, Caller caller, Timestamp at) {
        jdbc.sql("""
                        insert into self_study_decision (entry_id, action, reason, decided_by, decided_at)
                        values (:entry, :action, cast(:reason as varchar), :by, :at)""")
                .param("entry", entryId).param("action", action.name()).param("reason", reason)
                .param("by", caller.username()).param("at", at).update();
    }

    record Head(long id, long personId, String unitPath, String title, LocalDate studiedOn, BigDecimal hours,
                SelfStudyStatus status) {
    }

    private Head head(long id) {
        return jdbc.sql("""
                        select s.id, s.person_id, u.path, s.title, s.studied_on, s.hours, s.status
                        from self_study s join unit u on u.id = s.unit_id where s.id = :id""").param("id", id)
                .query((rs, n) -> new Head(rs.getLong("id"), rs.getLong("person_id"), rs.getString("path"),
                        rs.getString("title"), rs.getObject("studied_on", LocalDate.class), rs.getBigDecimal("hours"),
                        SelfStudyStatus.valueOf(rs.getString("status"))))
                .optional().orElseThrow(() -> new DomainException("record.selfstudy.error.not-found"));
    }

    private SelfStudyEntry load(long id, Caller caller) {
        List<EvidenceInfo> evidence = jdbc.sql("""
                        select id, file_name, content_type, size_bytes, sha256 from self_study_evidence
                        where entry_id = :id order by id""").param("id", id)
                .query((rs, n) -> new EvidenceInfo(rs.getLong("id"), rs.getString("file_name"),
                        rs.getString("content_type"), rs.getInt("size_bytes"), rs.getString("sha256"))).list();
        List<SelfStudyStep> history = jdbc.sql("""
                        select action, reason, decided_by, decided_at from self_study_decision
                        where entry_id = :id order by decided_at, id""").param("id", id)
                .query((rs, n) -> new SelfStudyStep(SelfStudyAction.valueOf(rs.getString("action")),
                        rs.getString("reason"), rs.getString("decided_by"), rs.getTimestamp("decided_at").toInstant()))
                .list();
        String returnReason = history.reversed().stream().filter(s -> s.action() == SelfStudyAction.RETURNED)
                .map(SelfStudyStep::reason).findFirst().orElse(null);
        return jdbc.sql("""
                        select s.*, p.name as person_name, u.name as unit_name, u.path
                        from self_study s join person p on p.id = s.person_id join unit u on u.id = s.unit_id
                        where s.id = :id""").param("id", id)
                .query((rs, n) -> {
                    SelfStudyStatus status = SelfStudyStatus.valueOf(rs.getString("status"));
                    long personId = rs.getLong("person_id");
                    boolean own = caller.isPerson(personId);
                    return new SelfStudyEntry(id, personId, rs.getString("person_name"), rs.getString("unit_name"),
                            rs.getString("title"), rs.getObject("studied_on", LocalDate.class),
                            SelfStudyKind.valueOf(rs.getString("kind")), rs.getBigDecimal("hours"), rs.getString("note"),
                            status, rs.getInt("version"), instant(rs, "created_at"),
                            status == SelfStudyStatus.RETURNED ? returnReason : null, evidence, history,
                            own && status == SelfStudyStatus.RETURNED,
                            !own && status == SelfStudyStatus.PENDING && decides(caller, rs.getString("path")));
                }).single();
    }

    /** Organizers and checkers of the entry's unit or above, administrators: they read it. */
    static boolean reads(Caller caller, String unitPath) {
        return caller.isAdmin() || ((caller.has(Roles.ORGANIZER) || caller.has(Roles.CHECKER)) && caller.managesUnit(unitPath));
    }

    /** Checkers of the entry's unit or above, administrators: they decide on it. */
    static boolean decides(Caller caller, String unitPath) {
        return caller.isAdmin() || (caller.has(Roles.CHECKER) && caller.managesUnit(unitPath));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
