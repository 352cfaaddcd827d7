package cn.tongxin.attendance;

import cn.tongxin.security.Roles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Signs of proxy sign-in for the checkers. */
@Service
public class AnomalyService {

    /** This many sign-ins from one address within {@link #BURST_WINDOW} is a burst worth a look. */
    static final int BURST_SIZE = 5;
    static final Duration BURST_WINDOW = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final Clock clock;

    AnomalyService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @PreAuthorize("hasAnyRole('" + Roles.ADMIN + "','" + Roles.CHECKER + "')")
    @Transactional(readOnly = true)
    public List<Anomaly> recent(Duration within) {
        Timestamp since = Timestamp.from(clock.instant().minus(within));
        List<Anomaly> found = new ArrayList<>();
        // A phone that tried to sign in a second person (refused), or signed several people at kiosk-less doors.
        found.addAll(jdbc.sql("""
                        select r.occasion_kind || ':' || r.occasion_id as occasion, max(r.last_at) as at, r.device_id,
                               count(distinct coalesce(r.person_id, 0)) + 1 as people
                        from sign_in_refusal r
                        where r.reason = 'DEVICE_USED' and r.last_at >= :since
                        group by r.occasion_kind, r.occasion_id, r.device_id""")
                .param("since", since)
                .query((rs, n) -> new Anomaly(Anomaly.Kind.SHARED_DEVICE, rs.getString("occasion"),
                        rs.getTimestamp("at").toInstant(), rs.getString("device_id"), rs.getInt("people")))
                .list());
        found.addAll(jdbc.sql("""
                        select coalesce(r.occasion_kind || ':' || r.occasion_id, '') as occasion, max(r.last_at) as at,
                               coalesce(p.name, '') as who, sum(r.repeats) as tries
                        from sign_in_refusal r left join person p on p.id = r.person_id
                        where r.reason = 'EXPIRED_CODE' and r.last_at >= :since
                        group by r.occasion_kind, r.occasion_id, p.name""")
                .param("since", since)
                .query((rs, n) -> new Anomaly(Anomaly.Kind.EXPIRED_CODE, rs.getString("occasion"),
                        rs.getTimestamp("at").toInstant(), rs.getString("who"), rs.getInt("tries")))
                .list());
        found.addAll(jdbc.sql("""
                        select s.occasion_kind || ':' || s.occasion_id as occasion, s.remote_address,
                               min(s.signed_at) as at, count(*) as n
                        from sign_in s
                        where s.signed_at >= :since and s.remote_address is not null and s.method in ('QR', 'CODE')
                        group by s.occasion_kind, s.occasion_id, s.remote_address,
                                 floor(extract(epoch from s.signed_at) / :window)
                        having count(*) >= :burst""")
                .param("since", since).param("window", BURST_WINDOW.toSeconds()).param("burst", BURST_SIZE)
                .query((rs, n) -> new Anomaly(Anomaly.Kind.BURST_FROM_ONE_ADDRESS, rs.getString("occasion"),
                        rs.getTimestamp("at").toInstant(), rs.getString("remote_address"), rs.getInt("n")))
                .list());
        found.addAll(tooManyTries(since));
        found.sort(Comparator.comparing(Anomaly::at).reversed());
        return found;
    }

    /** Refusals of a code that count as tries against the door-code limits (and the refusals over them). */
    private static final String CODE_TRIES = "('WRONG_CODE', 'EXPIRED_CODE', '" + DoorCodeLimits.TRIES_PERSON + "', '"
            + DoorCodeLimits.TRIES_ADDRESS + "')";

    /**
     * A person or an address that ran into the door-code limit (someone guessing the code, perhaps from home), one
     * line per day: who or which address, the last refused try, and all refused code tries of that day.
     */
    private List<Anomaly> tooManyTries(Timestamp since) {
        List<Anomaly> found = new ArrayList<>(jdbc.sql("""
                        select p.name as who, max(r.last_at) as at, sum(r.repeats) as tries
                        from sign_in_refusal r join person p on p.id = r.person_id
                        where r.last_at >= :since and r.reason in %s
                        group by p.id, p.name, (r.bucket at time zone :zone)::date
                        having bool_or(r.reason = :limited)""".formatted(CODE_TRIES))
                .param("since", since).param("zone", clock.getZone().getId()).param("limited", DoorCodeLimits.TRIES_PERSON)
                .query((rs, n) -> new Anomaly(Anomaly.Kind.TOO_MANY_TRIES_PERSON, "", rs.getTimestamp("at").toInstant(),
                        rs.getString("who"), rs.getInt("tries")))
                .list());
        found.addAll(jdbc.sql("""
                        select r.remote_address, max(r.last_at) as at, sum(r.repeats) as tries
                        from sign_in_refusal r
                        where r.last_at >= :since and r.reason in %s and r.remote_address is not null
                        group by r.remote_address, (r.bucket at time zone :zone)::date
                        having bool_or(r.reason = :limited)""".formatted(CODE_TRIES))
                .param("since", since).param("zone", clock.getZone().getId()).param("limited", DoorCodeLimits.TRIES_ADDRESS)
                .query((rs, n) -> new Anomaly(Anomaly.Kind.TOO_MANY_TRIES_ADDRESS, "", rs.getTimestamp("at").toInstant(),
                        rs.getString("remote_address"), rs.getInt("tries")))
                .list());
        return found;
    }

}
