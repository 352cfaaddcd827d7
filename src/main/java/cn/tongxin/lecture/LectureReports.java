package cn.tongxin.lecture;

import cn.tongxin.audit.AuditService;
import cn.tongxin.base.DomainException;
import cn.tongxin.base.Formats;
import cn.tongxin.notification.MailOutbox;
import cn.tongxin.notification.MailTemplates;
import cn.tongxin.people.MailLanguages;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The lecturer's report (宣讲报告) after a lecture: the actual attendance (prefilled from the lecture's sign-ins), a
 * summary and photos. A lecturer of the lecture files it once the lecture has begun, and may change it until it is
 * accepted; organizers of the lecture's unit (or above) accept it or return it with a reason, which is mailed to the
 * lecturers. Organizers and checkers read the reports of their unit's subtree, administrators all.
 */
@Service
public class LectureReports {

    public static final int SUMMARY_MAX = 8000;
    public static final int REASON_MAX = 1000;
    public static final int COUNT_MAX = 100_000;
    public static final int PHOTOS_MAX = ReportPhotos.MAX_PHOTOS;
    public static final int PHOTO_BYTES_MAX = ReportPhotos.MAX_BYTES;
    static final String TARGET = "LECTURE_REPORT";
    static final String RETURNED_MAIL = "lecture.reports.mail.returned";

    private final JdbcClient jdbc;
    private final LectureService lectures;
    private final AuditService audit;
    private final Clock clock;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final MailLanguages languages;

    LectureReports(JdbcClient jdbc, LectureService lectures, AuditService audit, Clock clock, MailOutbox outbox,
                   MailTemplates templates, MailLanguages languages) {
        this.jdbc = jdbc;
        this.lectures = lectures;
        this.audit = audit;
        this.clock = clock;
        this.outbox = outbox;
        this.templates = templates;
        this.languages = languages;
    }

    // ---------------------------------------------------------------- reading

    /** The report of a lecture (or, before filing, what the form starts from), for its lecturers and readers in scope. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public LectureReport report(long lectureId) {
        Caller caller = Callers.require();
        Head head = head(lectureId);
        boolean lecturer = isLecturer(caller, lectureId);
        if (!lecturer && !reads(caller, head.unitPath())) {
            throw new AccessDeniedException("report outside scope");
        }
        int fromSignIns = attendanceFromSignIns(lectureId);
        boolean begun = begun(head);
        var stored = jdbc.sql("select * from lecture_report where lecture_id = :id").param("id", lectureId)
                .query((rs, n) -> new Stored(ReportStatus.valueOf(rs.getString("status")), rs.getInt("actual_count"),
                        rs.getString("summary"), rs.getString("review_note"), rs.getString("filed_by"),
                        instant(rs, "filed_at"), rs.getString("reviewed_by"), instant(rs, "reviewed_at"),
                        rs.getInt("version"))).optional();
        List<ReportPhoto> photos = jdbc.sql("select id, file_name, content_type from lecture_report_photo where lecture_id = :id order by id")
                .param("id", lectureId)
                .query((rs, n) -> new ReportPhoto(rs.getLong("id"), rs.getString("file_name"), rs.getString("content_type"))).list();
        ReportStatus status = stored.map(Stored::status).orElse(null);
        boolean canFile = lecturer && begun && status != ReportStatus.ACCEPTED;
        boolean canReview = status == ReportStatus.SUBMITTED && LectureService.manages(caller, head.unitPath());
        return new LectureReport(lectureId, head.title(), head.topic(), head.unitName(), head.startsAt(), head.endsAt(),
                head.status(), head.lecturers(), status, stored.map(Stored::actualCount).orElse(fromSignIns), fromSignIns,
                stored.map(Stored::summary).orElse(""), stored.map(Stored::reviewNote).orElse(null),
                stored.map(Stored::filedBy).orElse(null), stored.map(Stored::filedAt).orElse(null),
                stored.map(Stored::reviewedBy).orElse(null), stored.map(Stored::reviewedAt).orElse(null),
                stored.map(Stored::version).orElse(0), photos, lecturer, begun, canFile, canReview);
    }

    private record Stored(ReportStatus status, int actualCount, String summary, String reviewNote, String filedBy,
                          Instant filedAt, String reviewedBy, Instant reviewedAt, int version) {
    }

    /**
     * How many signed in at the lecture: present and late. The sign-ins are the attendance feature's, kept per
     * occasion (kind LECTURE, the lecture's id), as the door QR, the kiosk and hand marks wrote them.
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public int attendanceFromSignIns(long lectureId) {
        return jdbc.sql("""
                        select count(*) from sign_in where occasion_kind = :kind and occasion_id = :id
                           and status in ('PRESENT', 'LATE')""")
                .param("kind", LectureOccasions.KIND).param("id", lectureId).query(Integer.class).single();
    }

    /** Reports waiting for review that the caller may accept or return (organizers: their unit's subtree). */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional(readOnly = true)
    public List<ReportRow> toReview(int limit) {
        Caller caller = Callers.require();
        return rows("r.status = 'SUBMITTED' and u.path like :scope", Map.of("scope", caller.scopePath() + "%"),
                "r.filed_at", limit);
    }

    /** All reports in the caller's scope (for checkers and organizers to read), newest lecture first; status optional. */
    @PreAuthorize(LectureService.READERS)
    @Transactional(readOnly = true)
    public List<ReportRow> reports(ReportStatus status, int limit) {
        Caller caller = Callers.require();
        Map<String, Object> params = new HashMap<>();
        params.put("scope", caller.scopePath() + "%");
        String where = "u.path like :scope";
        if (status != null) {
            where += " and r.status = :status";
            params.put("status", status.name());
        }
        return rows(where, params, "l.starts_at desc", limit);
    }

    /** The lectures the calling lecturer has given whose report is not filed yet or was returned. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<ReportRow> dueForMe(int limit) {
        Caller caller = Callers.require();
        if (caller.personId() == null) {
            return List.of();
        }
        return rows("""
                        exists (select 1 from lecture_lecturer ll where ll.lecture_id = l.id and ll.person_id = :me)
                        and l.status in ('PUBLISHED', 'HELD') and l.starts_at <= :now
                        and (r.status is null or r.status = 'RETURNED')""",
                Map.of("me", caller.personId(), "now", Timestamp.from(clock.instant())), "l.starts_at", limit);
    }

    private List<ReportRow> rows(String where, Map<String, Object> params, String order, int limit) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("limit", limit);
        boolean due = where.contains("r.status is null");
        return jdbc.sql("""
                        select l.id, l.title, u.name as unit_name, l.starts_at, r.status, r.actual_count, r.filed_at,
                               (select string_agg(p.name, '、' order by p.name) from lecture_lecturer ll
                                  join person p on p.id = ll.person_id where ll.lecture_id = l.id) as lecturers,
                               (select count(*) from lecture_report_photo ph where ph.lecture_id = l.id) as photos
                        from lecture l join unit u on u.id = l.unit_id
                        """ + (due ? "left " : "") + "join lecture_report r on r.lecture_id = l.id where " + where
                     + " order by " + order + ", l.id limit :limit")
                .params(p).query(LectureReports::row).list();
    }

    private static ReportRow row(ResultSet rs, int n) throws SQLException {
        String status = rs.getString("status");
        return new ReportRow(rs.getLong("id"), rs.getString("title"), rs.getString("unit_name"),
                Objects.toString(rs.getString("lecturers"), ""), rs.getTimestamp("starts_at").toInstant(),
                status == null ? null : ReportStatus.valueOf(status), rs.getObject("actual_count", Integer.class),
                instant(rs, "filed_at"), rs.getInt("photos"));
    }

    /** A photo's original, for those who may read its report. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public PhotoContent photo(long photoId) {
        requireReadsPhoto(photoId);
        return jdbc.sql("select file_name, content_type, content from lecture_report_photo where id = :id").param("id", photoId)
                .query((rs, n) -> new PhotoContent(rs.getString("file_name"), rs.getString("content_type"),
                        rs.getBytes("content"))).single();
    }

    /** A photo's thumbnail (JPEG, at most 240 px), for those who may read its report. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public byte[] thumbnail(long photoId) {
        requireReadsPhoto(photoId);
        return jdbc.sql("select thumbnail from lecture_report_photo where id = :id").param("id", photoId)
                .query((rs, n) -> rs.getBytes(1)).single();
    }

    private void requireReadsPhoto(long photoId) {
        Long lectureId = jdbc.sql("select lecture_id from lecture_report_photo where id = :id").param("id", photoId)
                .query(Long.class).optional().orElseThrow(() -> new AccessDeniedException("no such photo"));
        Caller caller = Callers.require();
        if (!isLecturer(caller, lectureId) && !reads(caller, head(lectureId).unitPath())) {
            throw new AccessDeniedException("photo outside scope");
        }
    }

    // ---------------------------------------------------------------- filing

    /**
     * Files the report, or changes it while it is submitted or after it was returned (then it is submitted again).
     * Only a lecturer of the lecture, once it has begun. Filing marks a published lecture held.
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void file(long lectureId, ReportDraft draft) {
        Caller caller = Callers.require();
        Head head = head(lectureId);
        if (!isLecturer(caller, lectureId)) {
            throw new AccessDeniedException("not a lecturer of this lecture");
        }
        if (!begun(head)) {
            throw new DomainException("lecture.reports.error.not-begun");
        }
        String summary = draft.summary() == null ? "" : draft.summary().trim();
        if (summary.isEmpty()) {
            throw new DomainException("lecture.reports.error.summary-required");
        }
        if (summary.length() > SUMMARY_MAX) {
            throw new DomainException("lecture.reports.error.summary-too-long", SUMMARY_MAX);
        }
        if (draft.actualCount() < 0 || draft.actualCount() > COUNT_MAX) {
            throw new DomainException("lecture.reports.error.count", COUNT_MAX);
        }
        List<ReportPhotos.Checked> photos = draft.newPhotos().stream().map(ReportPhotos::check).toList();
        Instant now = clock.instant();
        Map<String, Object> params = new HashMap<>();
        params.put("id", lectureId);
        params.put("count", draft.actualCount());
        params.put("summary", summary);
        params.put("by", caller.username());
        params.put("now", Timestamp.from(now));
        ReportStatus before = jdbc.sql("select status from lecture_report where lecture_id = :id for update")
                .param("id", lectureId).query(String.class).optional().map(ReportStatus::valueOf).orElse(null);
        if (before == null) {
            if (draft.expectedVersion() != null) {
                throw new DomainException("error.concurrent-change");
            }
            int n = jdbc.sql("""
                            insert into lecture_report (lecture_id, actual_count, summary, filed_by, filed_at)
                            values (:id, :count, :summary, :by, :now) on conflict (lecture_id) do nothing""")
                    .params(params).update();
            if (n == 0) {
                // Another lecturer of the same lecture filed it a moment ago.
                throw new DomainException("error.concurrent-change");
            }
        } else {
            if (before == ReportStatus.ACCEPTED) {
                throw new DomainException("lecture.reports.error.accepted");
            }
            params.put("version", draft.expectedVersion() == null ? -1 : draft.expectedVersion());
            int n = jdbc.sql("""
                            update lecture_report set actual_count = :count, summary = :summary, status = 'SUBMITTED',
                                   filed_by = :by, filed_at = :now, version = version + 1
                            where lecture_id = :id and version = :version and status <> 'ACCEPTED'""")
                    .params(params).update();
            if (n == 0) {
                throw new DomainException("error.concurrent-change");
            }
        }
        if (!draft.removedPhotoIds().isEmpty()) {
            jdbc.sql("delete from lecture_report_photo where lecture_id = :id and id in (:ids)").param("id", lectureId)
                    .param("ids", draft.removedPhotoIds()).update();
        }
        int kept = jdbc.sql("select count(*) from lecture_report_photo where lecture_id = :id").param("id", lectureId)
                .query(Integer.class).single();
        if (kept + photos.size() > PHOTOS_MAX) {
            throw new DomainException("lecture.reports.error.photo-count", PHOTOS_MAX);
        }
        for (ReportPhotos.Checked p : photos) {
            try {
                jdbc.sql("""
                                insert into lecture_report_photo (lecture_id, file_name, content_type, content, thumbnail, uploaded_at)
                                values (:id, :name, :type, :content, :thumb, :now)""")
                        .param("id", lectureId).param("name", p.fileName()).param("type", p.contentType())
                        .param("content", p.content()).param("thumb", p.thumbnail()).param("now", Timestamp.from(now)).update();
            } catch (DataIntegrityViolationException e) {
                throw new DomainException("lecture.reports.error.photo-unreadable", p.fileName());
            }
        }
        if (head.status() == LectureStatus.PUBLISHED) {
            lectures.markHeld(lectureId);
        }
        audit.record(before == null ? AuditService.CREATE : AuditService.UPDATE, TARGET, lectureId, head.title(), null);
    }

    // ---------------------------------------------------------------- review

    /** Accepts a submitted report: it is final (an earlier return reason is cleared). Organizers of the lecture's unit or above. */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional
    public void accept(long lectureId, int expectedVersion) {
        Caller caller = Callers.require();
        Head head = head(lectureId);
        LectureService.requireManages(caller, head.unitPath());
        review(lectureId, expectedVersion, "ACCEPTED", null, caller);
        audit.record("ACCEPT", TARGET, lectureId, head.title(), null);
    }

    /** Returns a submitted report with a reason the lecturers read (by mail too); they change it and file it again. */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional
    public void sendBack(long lectureId, int expectedVersion, String reason) {
        Caller caller = Callers.require();
        Head head = head(lectureId);
        LectureService.requireManages(caller, head.unitPath());
        String r = reason == null ? "" : reason.trim();
        if (r.isEmpty()) {
            throw new DomainException("lecture.reports.error.reason-required");
        }
        if (r.length() > REASON_MAX) {
            throw new DomainException("lecture.reports.error.reason-too-long", REASON_MAX);
        }
        int version = review(lectureId, expectedVersion, "RETURNED", r, caller);
        mailReturned(lectureId, head, r, version);
        audit.record("RETURN", TARGET, lectureId, head.title(), r);
    }

    private int review(long lectureId, int expectedVersion, String status, String note, Caller caller) {
        return jdbc.sql("""
                        update lecture_report set status = :status, review_note = cast(:note as varchar),
                               reviewed_by = :by, reviewed_at = :now, version = version + 1
                        where lecture_id = :id and version = :version and status = 'SUBMITTED' returning version""")
                .param("status", status).param("note", note).param("by", caller.username())
                .param("now", Timestamp.from(clock.instant())).param("id", lectureId).param("version", expectedVersion)
                .query(Integer.class).optional().orElseThrow(() -> new DomainException("error.concurrent-change"));
    }

    private void mailReturned(long lectureId, Head head, String reason, int version) {
        record Recipient(long id, String name, String email) {
        }
        List<Recipient> people = jdbc.sql("""
                        select p.id, p.name, p.email from lecture_lecturer ll join person p on p.id = ll.person_id
                        where ll.lecture_id = :id and p.email is not null order by p.id""").param("id", lectureId)
                .query((rs, n) -> new Recipient(rs.getLong("id"), rs.getString("name"), rs.getString("email"))).list();
        Map<Long, Locale> language = languages.of(people.stream().map(Recipient::id).toList());
        for (Recipient r : people) {
            outbox.enqueue(templates.compose(r.email(), language.get(r.id()), RETURNED_MAIL, r.name(), head.title(),
                            Formats.dateTime(head.startsAt()), reason, templates.baseUrl() + "/lectures/" + lectureId + "/report"),
                    "lecture-report:" + lectureId + ":returned:" + version + ":person:" + r.id());
        }
    }

    // ---------------------------------------------------------------- rules

    record Head(long id, String title, String topic, String unitName, String unitPath, Instant startsAt, Instant endsAt,
                LectureStatus status, String lecturers) {
    }

    Head head(long lectureId) {
        return jdbc.sql("""
                        select l.id, l.title, t.title as topic, u.name as unit_name, u.path, l.starts_at, l.ends_at, l.status,
                               (select string_agg(p.name, '、' order by p.name) from lecture_lecturer ll
                                  join person p on p.id = ll.person_id where ll.lecture_id = l.id) as lecturers
                        from lecture l join lecture_topic t on t.id = l.topic_id join unit u on u.id = l.unit_id
                        where l.id = :id""").param("id", lectureId)
                .query((rs, n) -> new Head(rs.getLong("id"), rs.getString("title"), rs.getString("topic"),
                        rs.getString("unit_name"), rs.getString("path"), rs.getTimestamp("starts_at").toInstant(),
                        rs.getTimestamp("ends_at").toInstant(), LectureStatus.valueOf(rs.getString("status")),
                        Objects.toString(rs.getString("lecturers"), "")))
                .optional().orElseThrow(() -> new DomainException("lecture.error.not-found"));
    }

    /** A report is due once the lecture has begun, if it took place (published or held, not planned or cancelled). */
    private boolean begun(Head head) {
        return (head.status() == LectureStatus.PUBLISHED || head.status() == LectureStatus.HELD)
               && !head.startsAt().isAfter(clock.instant());
    }

    private boolean isLecturer(Caller caller, long lectureId) {
        return caller.personId() != null && jdbc.sql(
                        "select exists (select 1 from lecture_lecturer where lecture_id = :l and person_id = :p)")
                .param("l", lectureId).param("p", caller.personId()).query(Boolean.class).single();
    }

    /** Organizers and checkers of the lecture's unit or above, administrators: they read its report. */
    static boolean reads(Caller caller, String unitPath) {
        return caller.isAdmin() || ((caller.has(Roles.ORGANIZER) || caller.has(Roles.CHECKER)) && caller.managesUnit(unitPath));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
