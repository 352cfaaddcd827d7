package cn.tongxin.attendance;

import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
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
    private final Occasions occasions;

    AnomalyService(JdbcClient jdbc, Clock clock, Occasions occasions) {
        this.jdbc = jdbc;
        this.occasions = occasions;
        this.clock = clock;
    }

    /**
     * The anomalies of the last {@code within} at occasions of the caller's units, and of the people of their units,
     * newest first, each with its occasion and the people behind it.
     */
    @PreAuthorize("hasAnyRole('" + Roles.ADMIN + "','" + Roles.CHECKER + "')")
    @Transactional(readOnly = true)
    public List<Anomaly> recent(Duration within) {
        Map<String, Object> params = Map.of("since", Timestamp.from(clock.instant().minus(within)),
                "scope", Callers.require().scopePath() + "%", "zone", clock.getZone().getId());
        String owners = "join (" + occasions.ownersQuery() + ") o on o.kind = %1$s.occasion_kind and o.id = %1$s.occasion_id"
                + " and o.unit_path like :scope";
        List<Raw> raws = new ArrayList<>();
        // A phone that tried to sign in a second person (refused): the one it signed in, and those it tried.
        raws.addAll(jdbc.sql("""
                        select r.occasion_kind, r.occasion_id, max(r.last_at) as at, r.device_id as place,
                               array_agg(distinct r.person_id) filter (where r.person_id is not null)
                                 || array_agg(distinct s.person_id) filter (where s.person_id is not null) as people,
                               count(distinct r.person_id) + 1 as n
                        from sign_in_refusal r %s
                        left join sign_in s on s.occasion_kind = r.occasion_kind and s.occasion_id = r.occasion_id
                                           and s.device_id = r.device_id
                        where r.reason = 'DEVICE_USED' and r.last_at >= :since
                        group by r.occasion_kind, r.occasion_id, r.device_id""".formatted(owners.formatted("r")))
                .params(params).query((rs, n) -> raw(Anomaly.Kind.SHARED_DEVICE, rs)).list());
        raws.addAll(jdbc.sql("""
                        select r.occasion_kind, r.occasion_id, max(r.last_at) as at, '' as place,
                               array[r.person_id] as people, sum(r.repeats) as n
                        from sign_in_refusal r %s
                        where r.reason = 'EXPIRED_CODE' and r.last_at >= :since and r.person_id is not null
                        group by r.occasion_kind, r.occasion_id, r.person_id""".formatted(owners.formatted("r")))
                .params(params).query((rs, n) -> raw(Anomaly.Kind.EXPIRED_CODE, rs)).list());
        raws.addAll(jdbc.sql("""
                        select s.occasion_kind, s.occasion_id, min(s.signed_at) as at, s.remote_address as place,
                               array_agg(s.person_id) as people, count(*) as n
                        from sign_in s %s
                        where s.signed_at >= :since and s.remote_address is not null and s.method in ('QR', 'CODE')
                        group by s.occasion_kind, s.occasion_id, s.remote_address,
                                 floor(extract(epoch from s.signed_at) / :window)
                        having count(*) >= :burst""".formatted(owners.formatted("s")))
                .params(params).param("window", BURST_WINDOW.toSeconds()).param("burst", BURST_SIZE)
                .query((rs, n) -> raw(Anomaly.Kind.BURST_FROM_ONE_ADDRESS, rs)).list());
        raws.addAll(tooManyTries(params));
        return described(raws);
    }

    /** Refusals of a code that count as tries against the door-code limits (and the refusals over them). */
    private static final String CODE_TRIES = "('WRONG_CODE', 'EXPIRED_CODE', '" + DoorCodeLimits.TRIES_PERSON + "', '"
            + DoorCodeLimits.TRIES_ADDRESS + "')";

    /**
     * A person or an address that ran into the door-code limit (someone guessing the code, perhaps from home), one
     * line per day: who or which address, the last refused try, and all refused code tries of that day. In scope
     * are the caller's people, and the addresses their people tried from.
     */
    private List<Raw> tooManyTries(Map<String, Object> params) {
        List<Raw> found = new ArrayList<>(jdbc.sql("""
                        select null as occasion_kind, null as occasion_id, max(r.last_at) as at, '' as place,
                               array[p.id] as people, sum(r.repeats) as n
                        from sign_in_refusal r join person p on p.id = r.person_id join unit u on u.id = p.unit_id
                        where r.last_at >= :since and r.reason in %s and u.path like :scope
                        group by p.id, (r.bucket at time zone :zone)::date
                        having bool_or(r.reason = :limited)""".formatted(CODE_TRIES))
                .params(params).param("limited", DoorCodeLimits.TRIES_PERSON)
                .query((rs, n) -> raw(Anomaly.Kind.TOO_MANY_TRIES_PERSON, rs)).list());
        found.addAll(jdbc.sql("""
                        select null as occasion_kind, null as occasion_id, max(r.last_at) as at, r.remote_address as place,
                               array_agg(distinct r.person_id) as people, sum(r.repeats) as n
                        from sign_in_refusal r join person p on p.id = r.person_id join unit u on u.id = p.unit_id
                        where r.last_at >= :since and r.reason in %s and r.remote_address is not null
                          and u.path like :scope
                        group by r.remote_address, (r.bucket at time zone :zone)::date
                        having bool_or(r.reason = :limited)""".formatted(CODE_TRIES))
                .params(params).param("limited", DoorCodeLimits.TRIES_ADDRESS)
                .query((rs, n) -> raw(Anomaly.Kind.TOO_MANY_TRIES_ADDRESS, rs)).list());
        return found;
    }

    /** An anomaly as the queries find it: ids only. */
    private record Raw(Anomaly.Kind kind, OccasionRef ref, Instant at, String place, List<Long> people, int count) {
    }

    private static Raw raw(Anomaly.Kind kind, ResultSet rs) throws SQLException {
        String occasionKind = rs.getString("occasion_kind");
        Long[] people = rs.getArray("people") == null ? new Long[0] : (Long[]) rs.getArray("people").getArray();
        return new Raw(kind, occasionKind == null ? null : new OccasionRef(occasionKind, rs.getLong("occasion_id")),
                rs.getTimestamp("at").toInstant(), rs.getString("place"),
                Arrays.stream(people).filter(java.util.Objects::nonNull).distinct().toList(), rs.getInt("n"));
    }

    /** Names the occasions (each provider asked once) and the people (one query), newest first. */
    private List<Anomaly> described(List<Raw> raws) {
        Map<OccasionRef, Occasion> found = new HashMap<>();
        Map<OccasionRef, String> pages = new HashMap<>();
        raws.stream().map(Raw::ref).filter(java.util.Objects::nonNull).collect(Collectors.groupingBy(OccasionRef::kind))
                .forEach((kind, refs) -> occasions.provider(kind).ifPresent(provider -> {
                    List<Long> ids = refs.stream().map(OccasionRef::id).distinct().toList();
                    provider.findAll(ids).forEach((id, o) -> found.put(new OccasionRef(kind, id), o));
                    provider.pagesOf(ids).forEach((id, page) -> pages.put(new OccasionRef(kind, id), page));
                }));
        Long[] personIds = raws.stream().flatMap(r -> r.people().stream()).distinct().toArray(Long[]::new);
        Map<Long, String> names = new HashMap<>();
        jdbc.sql("select id, name from person where id = any(:ids)").param("ids", personIds)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list()
                .forEach(e -> names.put(e.getKey(), e.getValue()));
        return raws.stream()
                .map(r -> new Anomaly(r.kind(), r.ref() == null ? null : found.get(r.ref()), r.ref() == null ? null : pages.get(r.ref()),
                        r.at(), r.people().stream().limit(MAX_PEOPLE).map(id -> new Anomaly.Someone(id, names.getOrDefault(id, ""))).toList(),
                        r.kind() == Anomaly.Kind.SHARED_DEVICE ? phone(r.place()) : r.place(), r.count()))
                .sorted(Comparator.comparing(Anomaly::at).reversed()).toList();
    }

    /** People listed per anomaly; a burst of a whole class is told by its count. */
    static final int MAX_PEOPLE = 12;

    /** A phone is told by the end of its random id, enough to tell two apart on one page. */
    private static String phone(String deviceId) {
        return deviceId == null || deviceId.length() < 4 ? "" : "…" + deviceId.substring(deviceId.length() - 4);
    }
}
