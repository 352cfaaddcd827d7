package cn.tongxin.attendance;

import cn.tongxin.audit.AuditDetail;
import cn.tongxin.audit.AuditService;
import cn.tongxin.base.DomainException;
import cn.tongxin.base.Formats;
import cn.tongxin.notification.MailOutbox;
import cn.tongxin.notification.MailTemplates;
import cn.tongxin.notification.OutgoingMail;
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
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in at the door (QR and typed code), at a kiosk (personal codes) and by hand, for any occasion.
 * One record per person per occasion, whatever the number of taps; one phone per person per occasion.
 */
@Service
public class SignInService {

    static final String ORGANIZERS = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "')";

    private final Occasions occasions;
    private final DoorTokens tokens;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditService audit;
    private final ApplicationEventPublisher events;
    private final MailOutbox outbox;
    private final MailLanguages languages;
    private final MailTemplates templates;
    private final DoorCodeLimits limits;
    private final TransactionTemplate transaction;

    SignInService(Occasions occasions, DoorTokens tokens, JdbcClient jdbc, Clock clock, AuditService audit,
                  ApplicationEventPublisher events, MailOutbox outbox, MailLanguages languages, MailTemplates templates,
                  DoorCodeLimits limits, TransactionTemplate transaction) {
        this.limits = limits;
        this.transaction = transaction;
        this.outbox = outbox;
        this.languages = languages;
        this.templates = templates;
        this.occasions = occasions;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.events = events;
    }

    // --- the door ---

    /**
     * The code the door screen shows now (none once sign-in has ended, e.g. the class was closed); organizers of the
     * occasion's unit (or above) only.
     */
    @PreAuthorize(ORGANIZERS)
    @Transactional(readOnly = true)
    public DoorCode doorCode(OccasionRef ref) {
        Occasion occasion = managed(ref);
        Instant now = clock.instant();
        long round = DoorTokens.roundAt(now);
        int signedIn = jdbc.sql("""
                        select count(*) from sign_in where occasion_kind = :kind and occasion_id = :id
                        and status in ('PRESENT', 'LATE')""")
                .param("kind", ref.kind()).param("id", ref.id()).query(Integer.class).single();
        WindowState state = occasion.stateAt(now);
        // Once sign-in has ended the screen shows no code: there is nothing left that one could be used for.
        boolean closed = state == WindowState.CLOSED;
        return new DoorCode(occasion, closed ? null : tokens.token(ref, round), closed ? null : tokens.code(ref, round),
                DoorTokens.roundEnds(now), state, signedIn, occasions.expectedCount(ref));
    }

    /** The occasion a scanned link points to, for the phone page to show before the tap (nothing is recorded). */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Optional<Occasion> occasionOfToken(String token) {
        return tokens.parse(token).flatMap(p -> occasions.find(p.ref()));
    }

    /** How long after scanning a fresh code the tap may come (time to log in on a new phone). */
    static final java.time.Duration TAP_WITHIN = java.time.Duration.ofMinutes(10);

    /**
     * Called when a phone opens a door link, before any login: if the token is fresh now, a signed ticket
     * saying so (kept in the phone's session), else empty. It records nothing and reveals nothing.
     */
    @PreAuthorize("permitAll()")
    public Optional<String> ticketForScan(String token) {
        Instant now = clock.instant();
        return tokens.parse(token).filter(p -> DoorTokens.fresh(p.round(), now)).map(p -> tokens.ticket(token, now));
    }

    /** The tap after scanning and (perhaps) logging in: the code counts as of the scan, if the tap is soon enough. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public SignInResult signInWithTicket(String ticket, ClientInfo client) {
        var parsed = tokens.parseTicket(ticket);
        Instant now = clock.instant();
        if (parsed.isEmpty() || parsed.get().scannedAt().plus(TAP_WITHIN).isBefore(now)) {
            return signInWithToken(parsed.map(DoorTokens.Ticket::token).orElse(null), client);
        }
        return signInWithToken(parsed.get().token(), client, parsed.get().scannedAt());
    }

    /** The trainee's tap right after scanning the door QR. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public SignInResult signInWithToken(String token, ClientInfo client) {
        return signInWithToken(token, client, clock.instant());
    }

    private SignInResult signInWithToken(String token, ClientInfo client, Instant scannedAt) {
        Instant now = clock.instant();
        var parsed = tokens.parse(token);
        if (parsed.isEmpty()) {
            // A token is signed (72 bits): guessing one is hopeless, so no limit here; the refusal is still counted.
            refuse(null, Callers.current().map(Caller::personId).orElse(null), "WRONG_CODE", client, now);
            return SignInResult.refused(SignInOutcome.WRONG_CODE, null);
        }
        Occasion occasion = occasions.find(parsed.get().ref()).orElse(null);
        if (occasion == null) {
            return SignInResult.refused(SignInOutcome.WRONG_CODE, null);
        }
        if (occasion.stateAt(now) == WindowState.CLOSED) {
            // Ended (or its class closed): one's own record, or that sign-in has ended, rather than that the code is old.
            return signIn(occasion, SignInMethod.QR, client, now);
        }
        if (!DoorTokens.fresh(parsed.get().round(), scannedAt)) {
            refuse(occasion.ref(), Callers.require().personId(), "EXPIRED_CODE", client, now);
            return SignInResult.refused(SignInOutcome.EXPIRED_CODE, occasion);
        }
        return signIn(occasion, SignInMethod.QR, client, now);
    }

    /**
     * What the caller has ahead, for their home page: the occasions open for sign-in now, then the ones to come,
     * soonest first, at most {@code limit}. Empty for an account without a person record.
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<AgendaItem> myAgenda(int limit) {
        Caller caller = Callers.require();
        if (caller.personId() == null) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Occasion> open = occasions.openFor(caller.personId(), now);
        Map<OccasionRef, Instant> signedIn = new java.util.HashMap<>();
        if (!open.isEmpty()) {
            jdbc.sql("""
                            select occasion_kind, occasion_id, signed_at from sign_in
                            where person_id = :person and status in ('PRESENT', 'LATE')
                              and (occasion_kind, occasion_id) in (select * from unnest(:kinds, :ids))""")
                    .param("person", caller.personId())
                    .param("kinds", open.stream().map(o -> o.ref().kind()).toArray(String[]::new))
                    .param("ids", open.stream().map(o -> o.ref().id()).toArray(Long[]::new))
                    .query((rs, n) -> Map.entry(new OccasionRef(rs.getString(1), rs.getLong(2)), rs.getTimestamp(3).toInstant()))
                    .list().forEach(e -> signedIn.put(e.getKey(), e.getValue()));
        }
        Map<OccasionRef, AgendaItem> agenda = new LinkedHashMap<>();
        open.forEach(o -> agenda.putIfAbsent(o.ref(), new AgendaItem(o, true, signedIn.get(o.ref()))));
        occasions.upcomingFor(caller.personId(), now).forEach(o -> agenda.putIfAbsent(o.ref(), new AgendaItem(o, false, null)));
        return agenda.values().stream().limit(limit).toList();
    }

    /**
     * The trainee types the 6-digit code shown at the door (for those who cannot scan). A code can be guessed, so
     * each person and address may get only a few wrong (see {@link DoorCodeLimits}); the try is counted before the
     * code is looked at, outside the transaction, so that a rollback cannot undo the count and phones sharing a
     * venue's address do not queue behind one another's count. Over the limit even the right code is refused.
     */
    @PreAuthorize("isAuthenticated()")
    public SignInResult signInWithCode(String typed, ClientInfo client) {
        Caller caller = Callers.require();
        if (caller.personId() == null) {
            return SignInResult.refused(SignInOutcome.NO_PERSON, null);
        }
        String code = typed == null ? "" : typed.replaceAll("\\s", "");
        if (!code.matches("[0-9]{6}")) {
            // Not a code at all: nothing to guess, and a slip of the finger should not cost a try.
            return transaction.execute(tx -> checkCode(caller.personId(), code, client)).result();
        }
        DoorCodeLimits.Reservation tries = limits.reserve(caller.personId(), client);
        if (!tries.allowed()) {
            refuse(null, caller.personId(), tries.refusalReason(), client, clock.instant());
            return SignInResult.tooManyTries(tries.retryAfter());
        }
        CodeCheck check = transaction.execute(tx -> checkCode(caller.personId(), code, client));
        if (check.matched()) {
            limits.matched(tries);
        }
        return check.result();
    }

    /** How long after a sign-in ended its codes are still recognised, to tell the latecomer it has ended. */
    static final java.time.Duration CODES_OF_ENDED_SIGN_IN = java.time.Duration.ofMinutes(30);

    /** What a typed code came to, and whether it was a right code (whatever else kept the person from signing in). */
    private record CodeCheck(SignInResult result, boolean matched) {
    }

    private CodeCheck checkCode(long personId, String code, ClientInfo client) {
        Instant now = clock.instant();
        List<Occasion> open = occasions.openFor(personId, now);
        for (Occasion occasion : open) {
            if (tokens.codeMatches(occasion.ref(), code, now)) {
                return new CodeCheck(signIn(occasion, SignInMethod.CODE, client, now), true);
            }
        }
        for (Occasion occasion : open) {
            if (tokens.codeWasRecent(occasion.ref(), code, now)) {
                refuse(occasion.ref(), personId, "EXPIRED_CODE", client, now);
                return new CodeCheck(SignInResult.refused(SignInOutcome.EXPIRED_CODE, occasion), false);
            }
        }
        // A code of a sign-in that has just ended (its window closed, or its class was closed): say that it ended.
        for (Occasion occasion : occasions.closedFor(personId, now.minus(CODES_OF_ENDED_SIGN_IN), now)) {
            if (tokens.codeMatches(occasion.ref(), code, now) || tokens.codeWasRecent(occasion.ref(), code, now)) {
                return new CodeCheck(record(occasion, personId, SignInMethod.CODE, client, now, null), true);
            }
        }
        refuse(null, personId, "WRONG_CODE", client, now);
        return new CodeCheck(SignInResult.refused(open.isEmpty() ? SignInOutcome.NOT_EXPECTED : SignInOutcome.WRONG_CODE, null),
                false);
    }

    private SignInResult signIn(Occasion occasion, SignInMethod method, ClientInfo client, Instant now) {
        Caller caller = Callers.require();
        if (caller.personId() == null) {
            return SignInResult.refused(SignInOutcome.NO_PERSON, occasion);
        }
        return record(occasion, caller.personId(), method, client, now, null);
    }

    private SignInResult record(Occasion occasion, long personId, SignInMethod method, ClientInfo client, Instant now,
                                String markedBy) {
        Attendee attendee = attendee(occasion, personId);
        if (attendee.signedIn() != null) {
            return attendee.signedIn();
        }
        WindowState state = occasion.stateAt(now);
        if (state == WindowState.NOT_OPEN || state == WindowState.CLOSED) {
            refuse(occasion.ref(), personId, state.name(), client, now);
            return SignInResult.refused(state == WindowState.CLOSED ? SignInOutcome.CLOSED : SignInOutcome.NOT_OPEN, occasion);
        }
        if (!occasions.expects(occasion.ref(), personId)) {
            refuse(occasion.ref(), personId, "NOT_EXPECTED", client, now);
            return SignInResult.refused(SignInOutcome.NOT_EXPECTED, occasion);
        }
        AttendanceStatus status = state == WindowState.OPEN ? AttendanceStatus.PRESENT : AttendanceStatus.LATE;
        String device = method == SignInMethod.QR || method == SignInMethod.CODE ? client.deviceId() : null;
        // Both unique rules (one record per person, one phone per person) resolve here without an error:
        // nothing is inserted, and what follows tells which rule held.
        int inserted = jdbc.sql("""
                        insert into sign_in (occasion_kind, occasion_id, person_id, status, method, signed_at, device_id,
                                             remote_address, user_agent, marked_by)
                        values (:kind, :id, :person, :status, :method, :at, :device, :address, :agent, :by)
                        on conflict do nothing""")
                .param("kind", occasion.ref().kind()).param("id", occasion.ref().id()).param("person", personId)
                .param("status", status.name()).param("method", method.name()).param("at", Timestamp.from(now))
                .param("device", device).param("address", cut(client.address(), 64)).param("agent", cut(client.userAgent(), 300))
                .param("by", markedBy)
                .update();
        if (inserted == 0) {
            var raced = attendee(occasion, personId).signedIn();
            if (raced != null) {
                return raced;
            }
            refuse(occasion.ref(), personId, "DEVICE_USED", client, now);
            return SignInResult.refused(SignInOutcome.DEVICE_USED, occasion);
        }
        events.publishEvent(new SignedIn(occasion.ref(), personId, status, now));
        return new SignInResult(SignInOutcome.SIGNED_IN, occasion, attendee.name(), status, now);
    }

    /** The person's name and, if they have signed in to the occasion already, that record: one query per tap. */
    private record Attendee(String name, SignInResult signedIn) {
    }

    private Attendee attendee(Occasion occasion, long personId) {
        return jdbc.sql("""
                        select p.name, s.status, s.signed_at from person p
                        left join sign_in s on s.person_id = p.id and s.occasion_kind = :kind and s.occasion_id = :id
                        where p.id = :person""")
                .param("kind", occasion.ref().kind()).param("id", occasion.ref().id()).param("person", personId)
                .query((rs, n) -> new Attendee(rs.getString("name"), rs.getString("status") == null ? null
                        : new SignInResult(SignInOutcome.ALREADY_SIGNED_IN, occasion, rs.getString("name"),
                        AttendanceStatus.valueOf(rs.getString("status")), rs.getTimestamp("signed_at").toInstant())))
                .optional().orElse(new Attendee("", null));
    }

    // --- kiosk and by hand ---

    /** An organizer's scanner reads a trainee's personal code of the day. */
    @PreAuthorize(ORGANIZERS)
    @Transactional
    public SignInResult kioskSignIn(OccasionRef ref, String personalCode, ClientInfo kiosk) {
        Occasion occasion = managed(ref);
        Instant now = clock.instant();
        Optional<Long> person = tokens.personOf(personalCode, LocalDate.ofInstant(now, clock.getZone()));
        if (person.isEmpty()) {
            refuse(ref, null, "WRONG_CODE", kiosk, now);
            return SignInResult.refused(SignInOutcome.WRONG_CODE, occasion);
        }
        return record(occasion, person.get(), SignInMethod.KIOSK, kiosk, now, Callers.require().username());
    }

    /**
     * Marks people by hand (present, late, on leave, absent), always with a reason, each mark audited.
     * An existing record is overwritten: the organizer's word is final.
     */
    @PreAuthorize(ORGANIZERS)
    @Transactional
    public int mark(OccasionRef ref, List<Long> personIds, AttendanceStatus status, String reason) {
        Occasion occasion = managed(ref);
        if (reason == null || reason.isBlank()) {
            throw new DomainException("attendance.error.reason-required");
        }
        Instant now = clock.instant();
        // No one has attended what has not begun: present or late only from the moment the window opens.
        if ((status == AttendanceStatus.PRESENT || status == AttendanceStatus.LATE) && occasion.stateAt(now) == WindowState.NOT_OPEN) {
            throw new DomainException("attendance.error.not-begun", occasion.title());
        }
        String by = Callers.require().username();
        int count = 0;
        for (Long personId : personIds) {
            if (!occasions.expects(ref, personId)) {
                throw new DomainException("attendance.error.not-expected", personName(personId));
            }
            count += jdbc.sql("""
                            insert into sign_in (occasion_kind, occasion_id, person_id, status, method, signed_at, marked_by, reason)
                            values (:kind, :id, :person, :status, 'MANUAL', :at, :by, :reason)
                            on conflict (occasion_kind, occasion_id, person_id) do update
                               set status = excluded.status, method = 'MANUAL', marked_by = excluded.marked_by,
                                   reason = excluded.reason, device_id = null""")
                    .param("kind", ref.kind()).param("id", ref.id()).param("person", personId).param("status", status.name())
                    .param("at", Timestamp.from(now)).param("by", by).param("reason", cut(reason.trim(), 500))
                    .update();
            audit.record(AuditService.UPDATE, "SIGN_IN", personId, occasion.title(),
                    AuditDetail.of("sign-in.marked." + status, occasion.context(), reason.trim()));
            events.publishEvent(new SignedIn(ref, personId, status, now));
        }
        return count;
    }

    /** The trainee's own code of the day, shown as a QR for kiosk scanners. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public String myPersonalCode() {
        Caller caller = Callers.require();
        if (caller.personId() == null) {
            throw new DomainException("attendance.error.no-person");
        }
        return tokens.personalCode(caller.personId(), LocalDate.now(clock));
    }

    // --- the live board ---

    @PreAuthorize(ORGANIZERS)
    @Transactional(readOnly = true)
    public Board board(OccasionRef ref) {
        Occasion occasion = managed(ref);
        List<Long> expected = occasions.expectedPeople(ref);
        List<Board.Row> rows = jdbc.sql("""
                        select p.id, p.name, u.name as unit, p.email, s.status, s.method, s.signed_at
                        from unnest(:ids) as e(person_id)
                        join person p on p.id = e.person_id join unit u on u.id = p.unit_id
                        left join sign_in s on s.person_id = p.id and s.occasion_kind = :kind and s.occasion_id = :id
                        order by s.signed_at desc nulls last, u.path, p.name""")
                .param("ids", expected.toArray(Long[]::new)).param("kind", ref.kind()).param("id", ref.id())
                .query((rs, n) -> new Board.Row(rs.getLong("id"), rs.getString("name"), rs.getString("unit"),
                        rs.getString("status") == null ? null : AttendanceStatus.valueOf(rs.getString("status")),
                        rs.getString("method") == null ? null : SignInMethod.valueOf(rs.getString("method")),
                        rs.getTimestamp("signed_at") == null ? null : rs.getTimestamp("signed_at").toInstant(),
                        rs.getString("email")))
                .list();
        var counts = new EnumMap<AttendanceStatus, Integer>(AttendanceStatus.class);
        rows.stream().filter(r -> r.status() != null).forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        List<Board.Row> signed = rows.stream().filter(r -> r.status() != null).toList();
        List<Board.Row> missing = rows.stream().filter(r -> r.status() == null).toList();
        var byUnit = new java.util.LinkedHashMap<String, int[]>();
        for (Board.Row r : rows) {
            int[] c = byUnit.computeIfAbsent(r.unitName(), k -> new int[2]);
            c[0]++;
            if (r.status() == AttendanceStatus.PRESENT || r.status() == AttendanceStatus.LATE) {
                c[1]++;
            }
        }
        return new Board(occasion, occasion.stateAt(clock.instant()), expected.size(), counts, signed, missing,
                byUnit.entrySet().stream().map(e -> new Board.UnitCount(e.getKey(), e.getValue()[0], e.getValue()[1])).toList());
    }

    /** Mails everyone still missing a reminder (those with an e-mail address); returns how many were queued. */
    @PreAuthorize(ORGANIZERS)
    @Transactional
    public int remindMissing(OccasionRef ref) {
        Board board = board(ref);
        Occasion o = board.occasion();
        List<Board.Row> mailable = board.missing().stream().filter(row -> row.email() != null).toList();
        Map<Long, Locale> language = languages.of(mailable.stream().map(Board.Row::personId).toList());
        int queued = 0;
        for (Board.Row row : mailable) {
            OutgoingMail mail = templates.compose(row.email(), language.get(row.personId()), "attendance.mail.reminder",
                    row.name(), o.context(), o.title(), o.place(), Formats.dateTime(o.startsAt()));
            // Once per person and occasion: a second click does not mail twice.
            if (outbox.enqueue(mail, "remind:" + ref + ":" + row.personId())) {
                queued++;
            }
        }
        audit.record(AuditService.UPDATE, "SIGN_IN", ref.id(), o.title(), AuditDetail.of("sign-in.reminded", queued, o.context()));
        return queued;
    }

    /** Today's occasions in the organizer's scope, for the sign-in list. */
    @PreAuthorize(ORGANIZERS)
    @Transactional(readOnly = true)
    public List<Occasion> occasionsOn(LocalDate day) {
        Caller caller = Callers.require();
        Instant from = day.atStartOfDay(clock.getZone()).toInstant();
        return occasions.startingBetween(from, from.plus(java.time.Duration.ofDays(1))).stream()
                .filter(o -> caller.managesUnit(o.ownerUnitPath())).toList();
    }

    private Occasion managed(OccasionRef ref) {
        Occasion occasion = occasions.require(ref);
        if (!Callers.require().managesUnit(occasion.ownerUnitPath())) {
            throw new AccessDeniedException("occasion " + ref + " is outside the caller's scope");
        }
        return occasion;
    }

    private String personName(long personId) {
        return jdbc.sql("select name from person where id = :id").param("id", personId).query(String.class).optional().orElse("");
    }

    /** How long the repeats of one refusal are counted in one row (see V034). */
    static final java.time.Duration REFUSAL_BUCKET = java.time.Duration.ofMinutes(10);

    /**
     * Records a refused try for the checkers: repeats of the same refusal (occasion, person, reason, phone, address)
     * within {@link #REFUSAL_BUCKET} add to one row. Only what the client cannot choose freely goes into the row, so
     * a script cannot make a row per try: the phone only where it is the finding (a phone used for another person),
     * not a cookie a script may send anew each time; an IPv6 address as its /64 network.
     */
    private void refuse(OccasionRef ref, Long personId, String reason, ClientInfo client, Instant now) {
        long bucketSeconds = REFUSAL_BUCKET.toSeconds();
        Instant bucket = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), bucketSeconds) * bucketSeconds);
        String device = "DEVICE_USED".equals(reason) ? cut(client.deviceId(), 64) : null;
        jdbc.sql("""
                        insert into sign_in_refusal (occasion_kind, occasion_id, person_id, reason, device_id, remote_address,
                                                     at, last_at, bucket, repeats)
                        values (:kind, :id, :person, :reason, :device, :address, :at, :at, :bucket, 1)
                        on conflict (occasion_kind, occasion_id, person_id, reason, device_id, remote_address, bucket)
                        do update set repeats = sign_in_refusal.repeats + 1,
                                      last_at = greatest(sign_in_refusal.last_at, excluded.last_at)""")
                .param("kind", ref == null ? null : ref.kind()).param("id", ref == null ? null : ref.id())
                .param("person", personId).param("reason", reason).param("device", device)
                .param("address", cut(client.network(), 64)).param("at", Timestamp.from(now))
                .param("bucket", Timestamp.from(bucket))
                .update();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
