package cn.tongxin.record;

import cn.tongxin.attendance.Anomaly;
import cn.tongxin.audit.AuditService;
import cn.tongxin.base.DomainException;
import cn.tongxin.notification.MailOutbox;
import cn.tongxin.notification.MailTemplates;
import cn.tongxin.base.Translations;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.Serializable;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Spot checks (抽查): a checker (or an administrator) draws a random sample of the study records of a unit subtree
 * and year, looks at each record's evidence and confirms it or questions it with a note. A questioned item goes back
 * to the organizers managing the record's unit, who are mailed and answer it. The draw is reproducible: its seed is
 * stored and the sample is a function of the seed and the population's ids (V052, design note 023).
 */
@Service
public class SpotChecks {

    public static final int SAMPLE_MAX = 500;
    public static final int NOTE_MAX = 1000;
    static final String TARGET = "SPOT_CHECK";
    static final String QUESTIONED_MAIL = "record.spotcheck.mail.questioned";
    /** As attendance's anomaly list: this many QR or code sign-ins from one address within ten seconds. */
    static final int BURST_SIZE = 5;
    static final int BURST_SECONDS = 10;

    private static final String DRAWERS = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.CHECKER + "')";
    private static final String ANSWERERS = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "')";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditService audit;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final SecureRandom random = new SecureRandom();

    SpotChecks(JdbcClient jdbc, Clock clock, AuditService audit, MailOutbox outbox, MailTemplates templates) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.outbox = outbox;
        this.templates = templates;
    }

    public enum Verdict { CONFIRMED, QUESTIONED }

    public enum Status { OPEN, DONE }

    /** A drawn spot check with how many of its items are decided. */
    public record SpotCheck(long id, long unitId, String unitName, int year, int sampleSize, long seed, int population,
                            String drawnBy, Instant drawnAt, Status status, int items, int decided, int questioned)
            implements Serializable {
    }

    /** A sampled record with the checker's verdict and the organizer's answer, if any. */
    public record Item(long id, long spotCheckId, long recordId, int position, String personName, String unitName,
                       RecordKind kind, String title, String context, Instant occurredAt, String attendance,
                       BigDecimal hours, Verdict verdict, String note, String decidedBy, Instant decidedAt,
                       String resolvedBy, Instant resolvedAt, String resolutionNote) implements Serializable {
    }

    /** How a sign-in happened, from {@code sign_in}; null fields where the sign-in did not record them. */
    public record SignInEvidence(String status, String method, Instant signedAt, String deviceId, String remoteAddress,
                                 String userAgent, String markedBy, String reason) implements Serializable {
    }

    /**
     * What backs a sampled record: for a sign-in, the sign-in (null if there is none) and the anomaly kinds that
     * concern its person, occasion, phone or address; for a completion, its class and the sessions attended of all.
     */
    public record Evidence(Item item, SignInEvidence signIn, List<Anomaly.Kind> flags, String classTitle,
                           int sessions, int attended) implements Serializable {
    }

    // ---------------------------------------------------------------- drawing

    /**
     * Draws {@code n} records (all of them if fewer) of the unit's subtree and the year, with a new seed, and keeps
     * the draw. Returns its id.
     */
    @PreAuthorize(DRAWERS)
    @Transactional
    public long draw(long unitId, int year, int n) {
        Caller caller = Callers.require();
        String path = unitPath(unitId);
        if (!caller.managesUnit(path)) {
            throw new AccessDeniedException("unit outside scope");
        }
        if (n < 1 || n > SAMPLE_MAX) {
            throw new DomainException("record.spotcheck.error.sample-size", SAMPLE_MAX);
        }
        if (year < 2000 || year > 2100) {
            throw new DomainException("record.spotcheck.error.year");
        }
        long seed = random.nextLong();
        record Population(long maxId, int count) {
        }
        Population pop = jdbc.sql("""
                        select coalesce(max(r.id), 0) as max_id, count(*) as n
                        from study_record r join unit u on u.id = r.unit_id where u.path like :path and r.year = :year""")
                .param("path", path + "%").param("year", year)
                .query((rs, i) -> new Population(rs.getLong("max_id"), rs.getInt("n"))).single();
        long id = jdbc.sql("""
                        insert into spot_check (unit_id, year, sample_size, seed, max_record_id, population, drawn_by, drawn_at)
                        values (:unit, :year, :n, :seed, :max, :pop, :by, :at) returning id""")
                .param("unit", unitId).param("year", year).param("n", n).param("seed", seed)
                .param("max", pop.maxId()).param("pop", pop.count()).param("by", caller.username())
                .param("at", Timestamp.from(clock.instant())).query(Long.class).single();
        List<Long> sample = sample(id);
        for (int i = 0; i < sample.size(); i++) {
            jdbc.sql("insert into spot_check_item (spot_check_id, record_id, position) values (:c, :r, :p)")
                    .param("c", id).param("r", sample.get(i)).param("p", i + 1).update();
        }
        if (sample.isEmpty()) {
            jdbc.sql("update spot_check set status = 'DONE' where id = :id").param("id", id).update();
        }
        audit.record("CREATE", TARGET, id, path, "year=" + year + " n=" + n + " seed=" + seed);
        return id;
    }

    /**
     * The sample recomputed from the stored seed and population, in drawn order: the same record ids as the items,
     * for anyone who wants to see that the draw was not picked by hand.
     */
    @PreAuthorize(DRAWERS)
    @Transactional(readOnly = true)
    public List<Long> redraw(long spotCheckId) {
        requireReads(Callers.require(), spotCheckId);
        return sample(spotCheckId);
    }

    /** The deterministic draw: the population ordered by md5(seed:id), then id, first sample_size. */
    private List<Long> sample(long spotCheckId) {
        return jdbc.sql("""
                        select r.id from spot_check c
                        join unit cu on cu.id = c.unit_id
                        join study_record r on r.year = c.year and r.id <= c.max_record_id
                        join unit u on u.id = r.unit_id and u.path like cu.path || '%'
                        where c.id = :id
                        order by md5(c.seed::text || ':' || r.id::text), r.id
                        limit (select sample_size from spot_check where id = :id)""")
                .param("id", spotCheckId).query(Long.class).list();
    }

    // ---------------------------------------------------------------- reading

    /** The spot checks of the caller's subtree, newest first. */
    @PreAuthorize(DRAWERS)
    @Transactional(readOnly = true)
    public List<SpotCheck> list() {
        return jdbc.sql(CHECKS + " where u.path like :scope group by c.id, u.name order by c.drawn_at desc, c.id desc limit 200")
                .param("scope", Callers.require().scopePath() + "%").query(SpotChecks::check).list();
    }

    @PreAuthorize(DRAWERS)
    @Transactional(readOnly = true)
    public SpotCheck spotCheck(long id) {
        requireReads(Callers.require(), id);
        return jdbc.sql(CHECKS + " where c.id = :id group by c.id, u.name").param("id", id).query(SpotChecks::check).single();
    }

    /** A spot check's items in drawn order. */
    @PreAuthorize(DRAWERS)
    @Transactional(readOnly = true)
    public List<Item> items(long spotCheckId) {
        requireReads(Callers.require(), spotCheckId);
        return jdbc.sql(ITEMS + " where i.spot_check_id = :id order by i.position").param("id", spotCheckId)
                .query(SpotChecks::item).list();
    }

    /** The units a draw can be made for: the caller's own and those below. */
    @PreAuthorize(DRAWERS)
    @Transactional(readOnly = true)
    public List<ScopeOption> units() {
        return jdbc.sql("select id, name from unit where path like :scope order by path")
                .param("scope", Callers.require().scopePath() + "%")
                .query((rs, n) -> new ScopeOption(rs.getLong("id"), rs.getString("name"))).list();
    }

    /**
     * What backs an item's record, for checkers of the spot check and for organizers managing the record's unit.
     * The flags are found as attendance's anomaly list finds them (attendance's list is of recent days and not per
     * sign-in, so it is not reused): a refused second person on this phone at this occasion (SHARED_DEVICE), this
     * person refused with an expired code here (EXPIRED_CODE), {@value #BURST_SIZE} or more QR or code sign-ins from
     * this address here within the same {@value #BURST_SECONDS} seconds (BURST_FROM_ONE_ADDRESS).
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Evidence evidence(long itemId) {
        Caller caller = Callers.require();
        Head head = head(itemId);
        if (!readsCheck(caller, head.checkPath()) && !answers(caller, head.recordPath())) {
            throw new AccessDeniedException("item outside scope");
        }
        Item item = jdbc.sql(ITEMS + " where i.id = :id").param("id", itemId).query(SpotChecks::item).single();
        if (item.kind() == RecordKind.CLASS_COMPLETED) {
            record Completion(String title, int sessions, int attended) {
            }
            Completion c = jdbc.sql("""
                            select k.title,
                                   (select count(*) from rotation_session s where s.class_id = k.id) as sessions,
                                   (select count(*) from rotation_session s join sign_in si on si.occasion_kind = 'SESSION'
                                        and si.occasion_id = s.id and si.person_id = :person and si.status in ('PRESENT', 'LATE')
                                    where s.class_id = k.id) as attended
                            from rotation_class k where k.id = :class""")
                    .param("person", head.personId()).param("class", head.sourceId())
                    .query((rs, n) -> new Completion(rs.getString("title"), rs.getInt("sessions"), rs.getInt("attended")))
                    .optional().orElse(new Completion(item.context(), 0, 0));
            return new Evidence(item, null, List.of(), c.title(), c.sessions(), c.attended());
        }
        SignInEvidence s = jdbc.sql("""
                        select status, method, signed_at, device_id, remote_address, user_agent, marked_by, reason
                        from sign_in where occasion_kind = :kind and occasion_id = :occasion and person_id = :person""")
                .param("kind", head.sourceKind()).param("occasion", head.sourceId()).param("person", head.personId())
                .query((rs, n) -> new SignInEvidence(rs.getString("status"), rs.getString("method"),
                        rs.getTimestamp("signed_at").toInstant(), rs.getString("device_id"), rs.getString("remote_address"),
                        rs.getString("user_agent"), rs.getString("marked_by"), rs.getString("reason")))
                .optional().orElse(null);
        List<Anomaly.Kind> flags = new ArrayList<>();
        if (s != null) {
            var p = new java.util.HashMap<String, Object>();
            p.put("kind", head.sourceKind());
            p.put("occasion", head.sourceId());
            p.put("person", head.personId());
            p.put("device", s.deviceId());
            p.put("address", s.remoteAddress());
            p.put("at", Timestamp.from(s.signedAt()));
            p.put("window", BURST_SECONDS);
            p.put("burst", BURST_SIZE);
            Boolean shared = jdbc.sql("""
                            select exists (select 1 from sign_in_refusal r where r.occasion_kind = :kind and r.occasion_id = :occasion
                                           and r.reason = 'DEVICE_USED'
                                           and (r.person_id = :person or (cast(:device as varchar) is not null and r.device_id = :device)))""")
                    .params(p).query(Boolean.class).single();
            Boolean expired = jdbc.sql("""
                            select exists (select 1 from sign_in_refusal r where r.occasion_kind = :kind and r.occasion_id = :occasion
                                           and r.reason = 'EXPIRED_CODE' and r.person_id = :person)""")
                    .params(p).query(Boolean.class).single();
            Boolean burst = s.remoteAddress() != null && ("QR".equals(s.method()) || "CODE".equals(s.method()))
                    && jdbc.sql("""
                            select count(*) >= :burst from sign_in x where x.occasion_kind = :kind and x.occasion_id = :occasion
                              and x.remote_address = :address and x.method in ('QR', 'CODE')
                              and floor(extract(epoch from x.signed_at) / :window) = floor(extract(epoch from cast(:at as timestamptz)) / :window)""")
                    .params(p).query(Boolean.class).single();
            if (shared) {
                flags.add(Anomaly.Kind.SHARED_DEVICE);
            }
            if (expired) {
                flags.add(Anomaly.Kind.EXPIRED_CODE);
            }
            if (burst) {
                flags.add(Anomaly.Kind.BURST_FROM_ONE_ADDRESS);
            }
        }
        return new Evidence(item, s, List.copyOf(flags), null, 0, 0);
    }

    // ---------------------------------------------------------------- deciding

    /**
     * Gives an item its verdict, once: a verdict is final (design note 023). A question needs a note and is mailed
     * to the organizers managing the record's unit. The spot check is done when its last item is decided.
     */
    @PreAuthorize(DRAWERS)
    @Transactional
    public void decide(long itemId, Verdict verdict, String note) {
        Caller caller = Callers.require();
        Head head = head(itemId);
        if (!readsCheck(caller, head.checkPath())) {
            throw new AccessDeniedException("item outside scope");
        }
        if (caller.isPerson(head.personId())) {
            // Nobody checks their own record.
            throw new AccessDeniedException("own record");
        }
        String n = note == null || note.isBlank() ? null : note.trim();
        if (verdict == Verdict.QUESTIONED && n == null) {
            throw new DomainException("record.spotcheck.error.note-required");
        }
        if (n != null && n.length() > NOTE_MAX) {
            throw new DomainException("record.spotcheck.error.note-too-long", NOTE_MAX);
        }
        int changed = jdbc.sql("""
                        update spot_check_item set verdict = :verdict, note = cast(:note as varchar), decided_by = :by, decided_at = :at
                        where id = :id and verdict is null""")
                .param("verdict", verdict.name()).param("note", n).param("by", caller.username())
                .param("at", Timestamp.from(clock.instant())).param("id", itemId).update();
        if (changed == 0) {
            throw new DomainException("record.spotcheck.error.decided");
        }
        jdbc.sql("""
                        update spot_check set status = 'DONE' where id = :c
                          and not exists (select 1 from spot_check_item where spot_check_id = :c and verdict is null)""")
                .param("c", head.spotCheckId()).update();
        audit.record(verdict == Verdict.CONFIRMED ? "ACCEPT" : "RETURN", TARGET, head.spotCheckId(),
                "item " + itemId + " record " + head.recordId(), n);
        if (verdict == Verdict.QUESTIONED) {
            mailQuestioned(itemId, head, n);
        }
    }

    /** The questioned items of records of the caller's subtree, unanswered first, newest question first. */
    @PreAuthorize(ANSWERERS)
    @Transactional(readOnly = true)
    public List<Item> questionedForMe() {
        return jdbc.sql(ITEMS + " where i.verdict = 'QUESTIONED' and ru.path like :scope"
                        + " order by (i.resolved_at is not null), i.decided_at desc, i.id desc limit 500")
                .param("scope", Callers.require().scopePath() + "%").query(SpotChecks::item).list();
    }

    /** The organizer's answer to a questioned item, once. */
    @PreAuthorize(ANSWERERS)
    @Transactional
    public void answer(long itemId, String note) {
        Caller caller = Callers.require();
        Head head = head(itemId);
        if (!answers(caller, head.recordPath())) {
            throw new AccessDeniedException("item outside scope");
        }
        String n = note == null ? "" : note.trim();
        if (n.isEmpty()) {
            throw new DomainException("record.spotcheck.error.answer-required");
        }
        if (n.length() > NOTE_MAX) {
            throw new DomainException("record.spotcheck.error.note-too-long", NOTE_MAX);
        }
        int changed = jdbc.sql("""
                        update spot_check_item set resolved_by = :by, resolved_at = :at, resolution_note = :note
                        where id = :id and verdict = 'QUESTIONED' and resolved_by is null""")
                .param("by", caller.username()).param("at", Timestamp.from(clock.instant())).param("note", n)
                .param("id", itemId).update();
        if (changed == 0) {
            throw new DomainException("record.spotcheck.error.not-open");
        }
        audit.record("UPDATE", TARGET, head.spotCheckId(), "answer item " + itemId, n);
    }

    // ---------------------------------------------------------------- internals

    record Recipient(String name, String email, String language) {
    }

    /**
     * The organizers of the nearest unit, from the record's own upwards, that has organizers with an address: the
     * ones closest to the record answer it, not every organizer up to the province.
     */
    private void mailQuestioned(long itemId, Head head, String note) {
        List<Recipient> to = jdbc.sql("""
                        with nearest as (
                            select u.id from unit u join unit r on r.id = :unit and r.path like u.path || '%'
                            where exists (select 1 from account a join account_role ar on ar.account_id = a.id and ar.role = 'ORGANIZER'
                                          join person p on p.id = a.person_id where a.unit_id = u.id and a.enabled and p.email is not null)
                            order by length(u.path) desc limit 1)
                        select coalesce(p.name, a.display_name) as name, p.email, a.language from account a
                        join account_role ar on ar.account_id = a.id and ar.role = 'ORGANIZER' join person p on p.id = a.person_id
                        where a.unit_id = (select id from nearest) and a.enabled and p.email is not null order by a.id""")
                .param("unit", head.recordUnitId())
                .query((rs, n) -> new Recipient(rs.getString("name"), rs.getString("email"), rs.getString("language"))).list();
        for (Recipient r : to) {
            outbox.enqueue(templates.compose(r.email(), Translations.supported(r.language()), QUESTIONED_MAIL, r.name(),
                            head.recordTitle(), head.personName(), note, templates.baseUrl() + "/records/spot-checks"),
                    "spot-check-item:" + itemId + ":questioned:" + r.email());
        }
    }

    record Head(long id, long spotCheckId, String checkPath, long recordId, long personId, String personName,
                long recordUnitId, String recordPath, String recordTitle, String sourceKind, long sourceId) {
    }

    private Head head(long itemId) {
        return jdbc.sql("""
                        select i.id, i.spot_check_id, cu.path as check_path, r.id as record_id, r.person_id, pe.name as person_name,
                               r.unit_id, ru.path as record_path, r.title, r.source_kind, r.source_id
                        from spot_check_item i join spot_check c on c.id = i.spot_check_id join unit cu on cu.id = c.unit_id
                        join study_record r on r.id = i.record_id join unit ru on ru.id = r.unit_id
                        join person pe on pe.id = r.person_id where i.id = :id""").param("id", itemId)
                .query((rs, n) -> new Head(rs.getLong("id"), rs.getLong("spot_check_id"), rs.getString("check_path"),
                        rs.getLong("record_id"), rs.getLong("person_id"), rs.getString("person_name"), rs.getLong("unit_id"),
                        rs.getString("record_path"), rs.getString("title"), rs.getString("source_kind"), rs.getLong("source_id")))
                .optional().orElseThrow(() -> new AccessDeniedException("no such item"));
    }

    private String unitPath(long unitId) {
        return jdbc.sql("select path from unit where id = :id").param("id", unitId).query(String.class).optional()
                .orElseThrow(() -> new AccessDeniedException("no such unit"));
    }

    private void requireReads(Caller caller, long spotCheckId) {
        String path = jdbc.sql("select u.path from spot_check c join unit u on u.id = c.unit_id where c.id = :id")
                .param("id", spotCheckId).query(String.class).optional()
                .orElseThrow(() -> new AccessDeniedException("no such spot check"));
        if (!readsCheck(caller, path)) {
            throw new AccessDeniedException("spot check outside scope");
        }
    }

    static boolean readsCheck(Caller caller, String checkUnitPath) {
        return caller.isAdmin() || (caller.has(Roles.CHECKER) && caller.managesUnit(checkUnitPath));
    }

    static boolean answers(Caller caller, String recordUnitPath) {
        return caller.isAdmin() || (caller.has(Roles.ORGANIZER) && caller.managesUnit(recordUnitPath));
    }

    private static final String CHECKS = """
            select c.id, c.unit_id, u.name as unit_name, c.year, c.sample_size, c.seed, c.population, c.drawn_by, c.drawn_at,
                   c.status, count(i.id) as items, count(i.verdict) as decided,
                   count(*) filter (where i.verdict = 'QUESTIONED') as questioned
            from spot_check c join unit u on u.id = c.unit_id left join spot_check_item i on i.spot_check_id = c.id""";

    private static SpotCheck check(ResultSet rs, int n) throws SQLException {
        return new SpotCheck(rs.getLong("id"), rs.getLong("unit_id"), rs.getString("unit_name"), rs.getInt("year"),
                rs.getInt("sample_size"), rs.getLong("seed"), rs.getInt("population"), rs.getString("drawn_by"),
                rs.getTimestamp("drawn_at").toInstant(), Status.valueOf(rs.getString("status")), rs.getInt("items"),
                rs.getInt("decided"), rs.getInt("questioned"));
    }

    private static final String ITEMS = """
            select i.id, i.spot_check_id, i.record_id, i.position, pe.name as person_name, ru.name as unit_name, r.kind,
                   r.title, r.context, r.occurred_at, r.status, r.hours, i.verdict, i.note, i.decided_by, i.decided_at,
                   i.resolved_by, i.resolved_at, i.resolution_note
            from spot_check_item i join study_record r on r.id = i.record_id join unit ru on ru.id = r.unit_id
            join person pe on pe.id = r.person_id""";

    private static Item item(ResultSet rs, int n) throws SQLException {
        String verdict = rs.getString("verdict");
        return new Item(rs.getLong("id"), rs.getLong("spot_check_id"), rs.getLong("record_id"), rs.getInt("position"),
                rs.getString("person_name"), rs.getString("unit_name"), RecordKind.valueOf(rs.getString("kind")),
                rs.getString("title"), rs.getString("context"), instant(rs, "occurred_at"), rs.getString("status"),
                rs.getBigDecimal("hours"), verdict == null ? null : Verdict.valueOf(verdict), rs.getString("note"),
                rs.getString("decided_by"), instant(rs, "decided_at"), rs.getString("resolved_by"),
                instant(rs, "resolved_at"), rs.getString("resolution_note"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
