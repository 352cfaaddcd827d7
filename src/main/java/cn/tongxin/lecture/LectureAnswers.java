package cn.tongxin.lecture;

import cn.tongxin.base.DomainException;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
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
import java.util.List;
import java.util.Optional;

/**
 * Invitees answer (确认参加 / 谢绝): only the invited person themselves, and only while the lecture is published and
 * has not begun. A decline takes them off the expected list of the sign-in and out of their calendar feed, and
 * spares them the update mails; the cancellation still reaches them.
 */
@Service
public class LectureAnswers {

    /** The lecture's row and the caller's answer: what {@link #invitation} reads. */
    private static final String SELECT = LectureService.ROW_SELECT.replaceFirst("select ",
            "select li.response, li.responded_at, ") + " join lecture_invitee li on li.lecture_id = l.id ";

    private final JdbcClient jdbc;
    private final Clock clock;

    LectureAnswers(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The caller's own answer to a lecture they are invited to; anybody else's invitation is refused. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void answer(long lectureId, InviteeResponse response) {
        if (response != InviteeResponse.CONFIRMED && response != InviteeResponse.DECLINED) {
            throw new IllegalArgumentException("an answer is CONFIRMED or DECLINED");
        }
        long me = me();
        Instant now = clock.instant();
        int n = jdbc.sql("""
                        update lecture_invitee li set response = :response, responded_at = :now
                        from lecture l where l.id = li.lecture_id and li.lecture_id = :id and li.person_id = :me
                          and l.status = 'PUBLISHED' and l.starts_at > :now""")
                .param("response", response.name()).param("now", Timestamp.from(now)).param("id", lectureId)
                .param("me", me).update();
        if (n == 0) {
            boolean invited = jdbc.sql("select exists (select 1 from lecture_invitee where lecture_id = :id and person_id = :me)")
                    .param("id", lectureId).param("me", me).query(Boolean.class).single();
            if (!invited) {
                throw new AccessDeniedException("not invited to this lecture");
            }
            throw new DomainException("lecture.feeds.error.closed");
        }
    }

    /** Lectures I am invited to that end at {@code from} or later (cancelled ones too, so I see it), soonest first. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<MyInvitation> myInvitations(Instant from, int limit) {
        if (Callers.require().personId() == null) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where li.person_id = :me and l.status <> 'PLANNED' and l.ends_at >= :from"
                        + " order by l.starts_at, l.id limit :limit")
                .param("me", me()).param("from", Timestamp.from(from)).param("limit", limit)
                .query(this::invitation).list();
    }

    /** Lectures I was invited to that ended before {@code before}, latest first. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<MyInvitation> myEarlierInvitations(Instant before, int limit) {
        if (Callers.require().personId() == null) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where li.person_id = :me and l.status <> 'PLANNED' and l.ends_at < :before"
                        + " order by l.starts_at desc, l.id desc limit :limit")
                .param("me", me()).param("before", Timestamp.from(before)).param("limit", limit)
                .query(this::invitation).list();
    }

    /** My invitation to one lecture, or nothing when I am not invited to it (or it is not published yet). */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Optional<MyInvitation> myInvitation(long lectureId) {
        if (Callers.require().personId() == null) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " where li.person_id = :me and l.id = :id and l.status <> 'PLANNED'")
                .param("me", me()).param("id", lectureId).query(this::invitation).optional();
    }

    private MyInvitation invitation(ResultSet rs, int n) throws SQLException {
        LectureRow row = LectureService.row(rs, n);
        Timestamp responded = rs.getTimestamp("responded_at");
        return new MyInvitation(row, InviteeResponse.valueOf(rs.getString("response")),
                responded == null ? null : responded.toInstant(),
                row.status() == LectureStatus.PUBLISHED && row.startsAt().isAfter(clock.instant()));
    }

    private static long me() {
        Caller caller = Callers.require();
        if (caller.personId() == null) {
            throw new AccessDeniedException("an account without a person is invited to nothing");
        }
        return caller.personId();
    }
}
