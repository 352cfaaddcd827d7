package cn.tongxin.lecture;

import cn.tongxin.audit.AuditService;
import cn.tongxin.base.CalendarEntries;
import cn.tongxin.base.CalendarFile;
import cn.tongxin.base.DomainException;
import cn.tongxin.base.Translations;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Calendar feeds (日历订阅): a secret address per person (their class sessions and their lectures) and per unit (the
 * lectures it organizes), for calendar programs that poll it without signing in. The address carries 32 random
 * bytes; only their SHA-256 is stored, so the address is shown once, when it is made, and a copy of the database
 * does not open anybody's calendar. Making a new one revokes the old; a revoked or unknown address finds nothing.
 * What goes in comes from every {@link CalendarEntries} of the application.
 */
@Service
public class CalendarFeeds {

    static final String TARGET = "CALENDAR_FEED";
    /** What the feed covers, around the moment it is fetched. */
    static final Duration BACK = Duration.ofDays(60);
    static final Duration AHEAD = Duration.ofDays(365);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final List<CalendarEntries> entries;
    private final AuditService audit;
    private final Clock clock;
    private final String baseUrl;

    CalendarFeeds(JdbcClient jdbc, List<CalendarEntries> entries, AuditService audit, Clock clock,
                  @Value("${tongxin.base-url:http://localhost:8080}") String baseUrl) {
        this.jdbc = jdbc;
        this.entries = List.copyOf(entries);
        this.audit = audit;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    // ---------------------------------------------------------------- my feed

    /** When my live feed was made, or nothing when I have none. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Optional<Instant> myFeed() {
        return live("person_id", me());
    }

    /** A new address for my feed (the old one, if any, stops answering). Returned once: only its hash is kept. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public String renewMine() {
        long me = me();
        return renew("person_id", me, "lecture.feeds.person");
    }

    /** Stops my feed: its address answers 404 from now on. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void revokeMine() {
        revoke("person_id", me(), "lecture.feeds.person");
    }

    // ---------------------------------------------------------------- a unit's feed

    /** When the unit's live feed was made, or nothing; for organizers of the unit (or above it). */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional(readOnly = true)
    public Optional<Instant> unitFeed(long unitId) {
        requireUnit(unitId);
        return live("unit_id", unitId);
    }

    @PreAuthorize(LectureService.MANAGERS)
    @Transactional
    public String renewUnit(long unitId) {
        requireUnit(unitId);
        return renew("unit_id", unitId, "lecture.feeds.unit");
    }

    @PreAuthorize(LectureService.MANAGERS)
    @Transactional
    public void revokeUnit(long unitId) {
        requireUnit(unitId);
        revoke("unit_id", unitId, "lecture.feeds.unit");
    }

    /** Whether the caller may manage the feed of their own unit (an organizer or administrator). */
    @PreAuthorize("isAuthenticated()")
    public boolean managesOwnUnitFeed() {
        Caller caller = Callers.require();
        return LectureService.manages(caller, caller.unitPath());
    }

    /** The address of a feed with this token. */
    public String url(String token) {
        return baseUrl + "/calendar/" + token + ".ics";
    }

    // ---------------------------------------------------------------- serving

    /**
     * The feed of a live token as an RFC 5545 file (METHOD:PUBLISH), or nothing for a revoked, unknown or malformed
     * one: the caller answers all three alike. No signed-in caller: the token is the permission. A person's feed
     * also stops while the person is inactive or an account of theirs is disabled (it comes back when they return).
     */
    @Transactional(readOnly = true)
    Optional<byte[]> render(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        record Owner(Long personId, Long unitId, String name) {
        }
        Optional<Owner> owner = jdbc.sql("""
                        select f.person_id, f.unit_id, coalesce(p.name, u.name) as name
                        from calendar_feed f left join person p on p.id = f.person_id left join unit u on u.id = f.unit_id
                        where f.token_hash = :hash and f.revoked_at is null
                          and (f.person_id is null or (p.status = 'ACTIVE'
                               and not exists (select 1 from account a where a.person_id = p.id and not a.enabled)))""")
                .param("hash", hash(token))
                .query((rs, n) -> new Owner(rs.getObject("person_id", Long.class), rs.getObject("unit_id", Long.class),
                        rs.getString("name"))).optional();
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant from = now.minus(BACK);
        Instant to = now.plus(AHEAD);
        Owner o = owner.get();
        List<CalendarFile.Event> events = new ArrayList<>();
        for (CalendarEntries source : entries) {
            events.addAll(o.personId() != null ? source.forPerson(o.personId(), from, to) : source.forUnit(o.unitId(), from, to));
        }
        events.sort(Comparator.comparing((CalendarFile.Event e) -> e.start() != null ? e.start()
                : e.startDate().atStartOfDay(CalendarFile.ZONE).toInstant()).thenComparing(CalendarFile.Event::uid));
        String name = Translations.get(Translations.CHINESE,
                o.personId() != null ? "lecture.feeds.calendar-name.person" : "lecture.feeds.calendar-name.unit", o.name());
        return Optional.of(new CalendarFile(CalendarFile.Method.PUBLISH, name).addAll(events).bytes(now));
    }

    // ---------------------------------------------------------------- the rows

    private Optional<Instant> live(String column, long owner) {
        return jdbc.sql("select created_at from calendar_feed where " + column + " = :owner and revoked_at is null")
                .param("owner", owner).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    private String renew(String column, long owner, String auditDetail) {
        Instant now = clock.instant();
        jdbc.sql("update calendar_feed set revoked_at = :now where " + column + " = :owner and revoked_at is null")
                .param("now", Timestamp.from(now)).param("owner", owner).update();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long id;
        try {
            id = jdbc.sql("insert into calendar_feed (" + column + ", token_hash, created_by, created_at)"
                          + " values (:owner, :hash, :by, :now) returning id")
                    .param("owner", owner).param("hash", hash(token)).param("by", Callers.require().username())
                    .param("now", Timestamp.from(now)).query(Long.class).single();
        } catch (DataIntegrityViolationException e) {
            // Someone made one at the same moment (one live feed per owner): theirs stands.
            throw new DomainException("error.concurrent-change");
        }
        audit.record(AuditService.CREATE, TARGET, id, null, cn.tongxin.audit.AuditDetail.of(auditDetail));
        return url(token);
    }

    private void revoke(String column, long owner, String auditDetail) {
        List<Long> ids = jdbc.sql("update calendar_feed set revoked_at = :now where " + column + " = :owner"
                                  + " and revoked_at is null returning id")
                .param("now", Timestamp.from(clock.instant())).param("owner", owner).query(Long.class).list();
        ids.forEach(id -> audit.record(AuditService.DELETE, TARGET, id, null, cn.tongxin.audit.AuditDetail.of(auditDetail)));
    }

    private void requireUnit(long unitId) {
        String path = jdbc.sql("select path from unit where id = :id").param("id", unitId).query(String.class).optional()
                .orElseThrow(() -> new AccessDeniedException("no such unit"));
        LectureService.requireManages(Callers.require(), path);
    }

    private static long me() {
        Long person = Callers.require().personId();
        if (person == null) {
            throw new AccessDeniedException("an account without a person has no personal calendar");
        }
        return person;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
