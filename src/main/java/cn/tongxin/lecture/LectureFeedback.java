package cn.tongxin.lecture;

import cn.tongxin.Application;
import cn.tongxin.base.DomainException;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/**
 * The audience's feedback (评价) after a lecture: for {@link #WINDOW} from its end, everyone invited (who did not
 * decline) or signed in rates each active question 1–5 and may comment, named or anonymously, once.
 *
 * <p>An anonymous answer is stored with no link to its author: {@code lecture_feedback} gets a random id, the day
 * only and no person; the fact that the person answered goes to {@code lecture_feedback_given} (lecture, person) in
 * the same transaction, so nobody answers twice and no answer is lost. No audit entry names the answer. Design note
 * 019 says what else was done so that even the database's own bookkeeping does not pair the two rows.
 *
 * <p>Results are for organizers and checkers of the lecture's unit or above, administrators, and the lecturers of
 * the lectures concerned.
 */
@Service
public class LectureFeedback {

    public static final Duration WINDOW = Duration.ofDays(7);
    public static final int COMMENT_MAX = 2000;
    static final String RESULT_READERS = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "','" + Roles.CHECKER
                                         + "','" + Roles.LECTURER + "')";
    private static final int COMMENTS_SHOWN = 500;
    private static final int OPTIONS_SHOWN = 500;

    private final JdbcClient jdbc;
    private final Clock clock;

    LectureFeedback(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The questions asked now, in their order. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<FeedbackQuestion> questions() {
        return jdbc.sql("select id, position, text_zh, text_en from feedback_question where active order by position")
                .query((rs, n) -> new FeedbackQuestion(rs.getLong("id"), rs.getInt("position"), rs.getString("text_zh"),
                        rs.getString("text_en"))).list();
    }

    // ---------------------------------------------------------------- answering

    /** Whether the caller may answer now, and if not why (see {@link FeedbackState}). */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public FeedbackState state(long lectureId) {
        Caller caller = Callers.require();
        if (caller.personId() == null) {
            return new FeedbackState(lectureId, FeedbackState.Status.NOT_INVITED, null, null, null);
        }
        record Row(String title, Instant endsAt, boolean audience, boolean given) {
        }
        Row row = jdbc.sql("""
                        select l.title, l.ends_at,
                               l.status in ('PUBLISHED', 'HELD')
                               and not exists (select 1 from lecture_lecturer ll where ll.lecture_id = l.id and ll.person_id = :me)
                               and (exists (select 1 from lecture_invitee li where li.lecture_id = l.id and li.person_id = :me
                                              and li.response <> 'DECLINED')
                                    or exists (select 1 from sign_in s where s.occasion_kind = :kind and s.occasion_id = l.id
                                              and s.person_id = :me and s.status in ('PRESENT', 'LATE'))) as audience,
                               exists (select 1 from lecture_feedback_given g where g.lecture_id = l.id and g.person_id = :me) as given
                        from lecture l where l.id = :id""")
                .param("id", lectureId).param("me", caller.personId()).param("kind", LectureOccasions.KIND)
                .query((rs, n) -> new Row(rs.getString("title"), rs.getTimestamp("ends_at").toInstant(),
                        rs.getBoolean("audience"), rs.getBoolean("given"))).optional().orElse(null);
        if (row == null || (!row.audience() && !row.given())) {
            return new FeedbackState(lectureId, FeedbackState.Status.NOT_INVITED, null, null, null);
        }
        Instant opens = row.endsAt();
        Instant closes = opens.plus(WINDOW);
        Instant now = clock.instant();
        FeedbackState.Status status = row.given() ? FeedbackState.Status.GIVEN
                : now.isBefore(opens) ? FeedbackState.Status.NOT_YET
                : now.isBefore(closes) ? FeedbackState.Status.OPEN
                : FeedbackState.Status.CLOSED;
        return new FeedbackState(lectureId, status, row.title(), opens, closes);
    }

    /**
     * Gives the caller's feedback: a rating 1–5 for every active question, an optional comment. Anonymous: the answer
     * carries no person and only the day; the separate fact that the caller answered stops a second answer.
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void give(long lectureId, Map<Long, Integer> ratings, String comment, boolean anonymous) {
        Caller caller = Callers.require();
        FeedbackState state = state(lectureId);
        switch (state.status()) {
            case OPEN -> {
            }
            case GIVEN -> throw new DomainException("lecture.reports.feedback.error.given");
            case NOT_YET -> throw new DomainException("lecture.reports.feedback.error.not-yet");
            case CLOSED -> throw new DomainException("lecture.reports.feedback.error.closed");
            case NOT_INVITED -> throw new AccessDeniedException("not in the audience of this lecture");
        }
        List<Long> asked = questions().stream().map(FeedbackQuestion::id).toList();
        if (ratings == null || !ratings.keySet().equals(new java.util.HashSet<>(asked))
            || ratings.values().stream().anyMatch(r -> r == null || r < 1 || r > 5)) {
            throw new DomainException("lecture.reports.feedback.error.ratings");
        }
        String text = comment == null || comment.isBlank() ? null : comment.trim();
        if (text != null && text.length() > COMMENT_MAX) {
            throw new DomainException("lecture.reports.feedback.error.comment-too-long", COMMENT_MAX);
        }
        // One answer of a lecture at a time (a short wait), so that the rewriting below sees every answer before it.
        jdbc.sql("select 1 from (select pg_advisory_xact_lock(42019, cast(:l % 2147483647 as integer))) x").param("l", lectureId)
                .query(Integer.class).single();
        // The fact first: the primary key makes a second answer (two tabs, a double tap) find it and stop here.
        int fact = jdbc.sql("insert into lecture_feedback_given (lecture_id, person_id) values (:l, :p) on conflict do nothing")
                .param("l", lectureId).param("p", caller.personId()).update();
        if (fact == 0) {
            throw new DomainException("lecture.reports.feedback.error.given");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), Application.ZONE);
        java.util.UUID id = jdbc.sql("""
                        insert into lecture_feedback (lecture_id, person_id, comment, given_on)
                        values (:l, :p, :comment, :day) returning id""")
                .param("l", lectureId).param("p", anonymous ? null : caller.personId()).param("comment", text)
                .param("day", Date.valueOf(today)).query(java.util.UUID.class).single();
        for (Long q : asked) {
            jdbc.sql("insert into lecture_feedback_rating (feedback_id, question_id, rating) values (:f, :q, :r)")
                    .param("f", id).param("q", q).param("r", ratings.get(q).shortValue()).update();
        }
        if (anonymous) {
            blur(lectureId);
        }
    }

    /**
     * Every row PostgreSQL writes carries the id of the writing transaction (the system column xmin), so the answer
     * and the fact written together would share one. Rewriting, in this same transaction, every fact and every
     * anonymous answer of the lecture gives them all this transaction's id, which no longer tells which pairs. The
     * rows are fed in the order of a hash and of their random ids, so that (as far as the planner follows it) their new
     * places on disk do not follow the order of answering either. A lecture has at most its audience of answers, so
     * this stays small. What is left (old row versions until vacuum, the WAL) is in design note 019.
     */
    private void blur(long lectureId) {
        jdbc.sql("""
                update lecture_feedback_given g set person_id = g.person_id
                from (select person_id from lecture_feedback_given where lecture_id = :l order by md5(person_id::text)) x
                where g.lecture_id = :l and g.person_id = x.person_id""").param("l", lectureId).update();
        jdbc.sql("""
                update lecture_feedback f set given_on = f.given_on
                from (select id from lecture_feedback where lecture_id = :l and person_id is null order by id) x
                where f.id = x.id""").param("l", lectureId).update();
        jdbc.sql("""
                update lecture_feedback_rating r set rating = r.rating
                from lecture_feedback f where f.id = r.feedback_id and f.lecture_id = :l and f.person_id is null""")
                .param("l", lectureId).update();
    }

    // ---------------------------------------------------------------- results

    /** The results of one lecture; refused outside the caller's scope. */
    @PreAuthorize(RESULT_READERS)
    @Transactional(readOnly = true)
    public FeedbackResults feedbackResults(long lectureId) {
        Caller caller = Callers.require();
        Map<String, Object> params = new HashMap<>();
        params.put("lecture", lectureId);
        String scope = scope(caller, params);
        boolean visible = jdbc.sql("select exists (select 1 from lecture l join unit u on u.id = l.unit_id where l.id = :lecture and "
                                   + scope + ")").params(params).query(Boolean.class).single();
        if (!visible) {
            throw new AccessDeniedException("lecture outside scope");
        }
        return results("l.id = :lecture", params, scope);
    }

    /** Whether the caller may read the results of this lecture (for a link on the lecture's page). */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public boolean canSeeResults(long lectureId) {
        Map<String, Object> params = new HashMap<>();
        params.put("lecture", lectureId);
        String scope = scope(Callers.require(), params);
        return jdbc.sql("select exists (select 1 from lecture l join unit u on u.id = l.unit_id where l.id = :lecture and "
                        + scope + ")").params(params).query(Boolean.class).single();
    }

    /** The results over the lectures of a lecturer that the caller may see (a lecturer: those they gave). */
    @PreAuthorize(RESULT_READERS)
    @Transactional(readOnly = true)
    public FeedbackResults feedbackResultsByLecturer(long lecturerId) {
        Map<String, Object> params = new HashMap<>();
        params.put("lecturer", lecturerId);
        String scope = scope(Callers.require(), params);
        return results("exists (select 1 from lecture_lecturer x where x.lecture_id = l.id and x.person_id = :lecturer)",
                params, scope);
    }

    /** The results over the lectures on a topic that the caller may see. */
    @PreAuthorize(RESULT_READERS)
    @Transactional(readOnly = true)
    public FeedbackResults feedbackResultsByTopic(long topicId) {
        Map<String, Object> params = new HashMap<>();
        params.put("topic", topicId);
        String scope = scope(Callers.require(), params);
        return results("l.topic_id = :topic", params, scope);
    }

    /** Lectures with feedback in the caller's scope, newest first. */
    @PreAuthorize(RESULT_READERS)
    @Transactional(readOnly = true)
    public List<ResultOption> lecturesWithFeedback() {
        Map<String, Object> params = new HashMap<>();
        String scope = scope(Callers.require(), params);
        params.put("limit", OPTIONS_SHOWN);
        return jdbc.sql("select l.id, l.title, l.starts_at from lecture l join unit u on u.id = l.unit_id where " + scope
                        + " and exists (select 1 from lecture_feedback f where f.lecture_id = l.id)"
                        + " order by l.starts_at desc, l.id limit :limit").params(params)
                .query((rs, n) -> new ResultOption(rs.getLong("id"), rs.getString("title") + " · "
                        + cn.tongxin.base.Formats.dateTime(rs.getTimestamp("starts_at").toInstant()))).list();
    }

    /** One lecture as a choice of the results page, if the caller reads its results (with or without answers). */
    @PreAuthorize(RESULT_READERS)
    @Transactional(readOnly = true)
    public java.util.Optional<ResultOption> lectureOption(long lectureId) {
        Map<String, Object> params = new HashMap<>();
        params.put("lecture", lectureId);
        String scope = scope(Callers.require(), params);
        return jdbc.sql("select l.id, l.title, l.starts_at from lecture l join unit u on u.id = l.unit_id where l.id = :lecture and "
                        + scope).params(params)
                .query((rs, n) -> new ResultOption(rs.getLong("id"), rs.getString("title") + " · "
                        + cn.tongxin.base.Formats.dateTime(rs.getTimestamp("starts_at").toInstant()))).optional();
    }

    /** Lecturers of lectures with feedback in the caller's scope. */
    @PreAuthorize(RESULT_READERS)
    @Transactional(readOnly = true)
    public List<ResultOption> lecturersWithFeedback() {
        Map<String, Object> params = new HashMap<>();
        String scope = scope(Callers.require(), params);
        params.put("limit", OPTIONS_SHOWN);
        return jdbc.sql("select distinct p.id, p.name from lecture l join unit u on u.id = l.unit_id"
                        + " join lecture_lecturer ll on ll.lecture_id = l.id join person p on p.id = ll.person_id where " + scope
                        + " and exists (select 1 from lecture_feedback f where f.lecture_id = l.id) order by p.name, p.id limit :limit")
                .params(params).query((rs, n) -> new ResultOption(rs.getLong("id"), rs.getString("name"))).list();
    }

    /** Topics of lectures with feedback in the caller's scope. */
    @PreAuthorize(RESULT_READERS)
    @Transactional(readOnly = true)
    public List<ResultOption> topicsWithFeedback() {
        Map<String, Object> params = new HashMap<>();
        String scope = scope(Callers.require(), params);
        params.put("limit", OPTIONS_SHOWN);
        return jdbc.sql("select distinct t.id, t.title from lecture l join unit u on u.id = l.unit_id"
                        + " join lecture_topic t on t.id = l.topic_id where " + scope
                        + " and exists (select 1 from lecture_feedback f where f.lecture_id = l.id) order by t.title, t.id limit :limit")
                .params(params).query((rs, n) -> new ResultOption(rs.getLong("id"), rs.getString("title"))).list();
    }

    /**
     * The lectures (over {@code l} and its unit {@code u}) whose results the caller reads: organizers and checkers
     * their unit's subtree, administrators all, anybody the lectures they gave.
     */
    static String scope(Caller caller, Map<String, Object> params) {
        List<String> any = new ArrayList<>();
        if (caller.isAdmin()) {
            any.add("true");
        } else if (caller.has(Roles.ORGANIZER) || caller.has(Roles.CHECKER)) {
            any.add("u.path like :scope");
            params.put("scope", caller.unitPath() + "%");
        }
        if (caller.personId() != null) {
            any.add("exists (select 1 from lecture_lecturer me where me.lecture_id = l.id and me.person_id = :me)");
            params.put("me", caller.personId());
        }
        return any.isEmpty() ? "false" : "(" + String.join(" or ", any) + ")";
    }

    private FeedbackResults results(String filter, Map<String, Object> params, String scope) {
        String lectures = "select l.id from lecture l join unit u on u.id = l.unit_id where " + filter + " and " + scope;
        int lectureCount = jdbc.sql("select count(*) from (" + lectures + ") x").params(params).query(Integer.class).single();
        int answers = jdbc.sql("select count(*) from lecture_feedback f where f.lecture_id in (" + lectures + ")")
                .params(params).query(Integer.class).single();
        Map<Long, FeedbackQuestion> questions = new LinkedHashMap<>();
        Map<Long, int[]> counts = new HashMap<>();
        jdbc.sql("""
                        select q.id, q.position, q.text_zh, q.text_en, r.rating, count(r.rating) as n
                        from feedback_question q
                        left join (select r.question_id, r.rating from lecture_feedback_rating r
                                   join lecture_feedback f on f.id = r.feedback_id
                                   where f.lecture_id in (""" + lectures + """
                                  )) r on r.question_id = q.id
                        where q.active or r.rating is not null
                        group by q.id, q.position, q.text_zh, q.text_en, r.rating order by q.position, r.rating""")
                .params(params).query(rs -> {
                    long q = rs.getLong("id");
                    questions.computeIfAbsent(q, k -> {
                        try {
                            return new FeedbackQuestion(q, rs.getInt("position"), rs.getString("text_zh"), rs.getString("text_en"));
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    int[] c = counts.computeIfAbsent(q, k -> new int[5]);
                    int rating = rs.getInt("rating");
                    if (!rs.wasNull()) {
                        c[rating - 1] += rs.getInt("n");
                    }
                });
        List<FeedbackResults.QuestionResult> perQuestion = new ArrayList<>();
        for (FeedbackQuestion q : questions.values()) {
            int[] c = counts.get(q.id());
            int n = 0;
            int sum = 0;
            for (int k = 0; k < 5; k++) {
                n += c[k];
                sum += (k + 1) * c[k];
            }
            perQuestion.add(new FeedbackResults.QuestionResult(q, n, n == 0 ? 0 : (double) sum / n, c));
        }
        Map<String, Object> p = new HashMap<>(params);
        p.put("shown", COMMENTS_SHOWN);
        // Ordered by day and then by the random id: the list does not give away the order of answering.
        List<FeedbackResults.Comment> comments = jdbc.sql("""
                        select l.id, l.title, f.given_on, case when f.person_id is null then null else p.name end as author,
                               f.comment
                        from lecture_feedback f join lecture l on l.id = f.lecture_id left join person p on p.id = f.person_id
                        where f.comment is not null and f.lecture_id in (""" + lectures + """
                        ) order by f.given_on desc, f.id limit :shown""")
                .params(p).query((rs, n) -> new FeedbackResults.Comment(rs.getLong("id"), rs.getString("title"),
                        rs.getDate("given_on").toLocalDate(), rs.getString("author"), rs.getString("comment"))).list();
        return new FeedbackResults(lectureCount, answers, perQuestion, comments);
    }

}
