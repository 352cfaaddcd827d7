package cn.tongxin.lecture;

import cn.tongxin.Application;
import cn.tongxin.base.DomainException;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A topic's campaign (宣讲覆盖): for a period, which units below the caller's (each with its whole subtree) and which
 * of their sectors have had a lecture on it, have one scheduled, or none yet; the audience reached; and each
 * lecturer's lectures per month. The units are the caller's unit's children (a province organizer sees the cities
 * and member units, a city organizer its counties) so that the table stays one screen and every unit is counted
 * with its subtree; a unit without children sees itself. A lecture counts for a unit when it is organized inside the
 * unit's subtree or its audience names a unit inside, containing or equal to it; for a sector when its audience has
 * no sector restriction or names the sector. A handful of set-based queries whatever the number of units.
 */
@Service
public class LectureCampaign {

    static final int MAX_DAYS = 731;

    private final JdbcClient jdbc;

    LectureCampaign(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Topics whose campaign the caller may follow: of the caller's subtree or of a unit above it. */
    @PreAuthorize(LectureService.READERS)
    @Transactional(readOnly = true)
    public List<CampaignTopic> topics() {
        Caller caller = Callers.require();
        return jdbc.sql("""
                        select t.id, t.title, u.name as unit_name, t.current_from, t.current_to from lecture_topic t
                        join unit u on u.id = t.unit_id where u.path like :scope or :own like u.path || '%'
                        order by t.current_to desc, t.title, t.id""")
                .param("scope", caller.scopePath() + "%").param("own", caller.unitPath())
                .query((rs, n) -> new CampaignTopic(rs.getLong("id"), rs.getString("title"), rs.getString("unit_name"),
                        rs.getObject("current_from", LocalDate.class), rs.getObject("current_to", LocalDate.class)))
                .list();
    }

    /** The campaign of a topic from {@code from} to {@code to} (both days included, in China time). */
    @PreAuthorize(LectureService.READERS)
    @Transactional(readOnly = true)
    public CampaignReport campaign(long topicId, LocalDate from, LocalDate to) {
        Caller caller = Callers.require();
        if (topics().stream().noneMatch(t -> t.id() == topicId)) {
            throw new AccessDeniedException("topic outside scope");
        }
        if (from == null || to == null || to.isBefore(from) || ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
            throw new DomainException("lecture.orders.campaign.error.period");
        }
        Map<String, Object> p = new HashMap<>();
        p.put("me", caller.unitId());
        p.put("topic", topicId);
        p.put("from", Timestamp.from(from.atStartOfDay(Application.ZONE).toInstant()));
        p.put("to", Timestamp.from(to.plusDays(1).atStartOfDay(Application.ZONE).toInstant()));
        p.put("scope", caller.scopePath() + "%");
        p.put("own", caller.unitPath());

        List<CampaignReport.Sector> sectors = jdbc.sql("select id, name from sector where active order by sort_order, id")
                .query((rs, n) -> new CampaignReport.Sector(rs.getLong("id"), rs.getString("name"))).list();

        Map<Long, Map<Long, CampaignState>> bySector = new HashMap<>();
        jdbc.sql(REACH + """
                        select r.unit_id, s.id as sector_id, bool_or(r.status = 'HELD') as held from reach r
                        join sector s on s.active
                        where not exists (select 1 from lecture_audience_sector a where a.lecture_id = r.lecture_id)
                           or exists (select 1 from lecture_audience_sector a where a.lecture_id = r.lecture_id and a.sector_id = s.id)
                        group by r.unit_id, s.id""").params(p)
                .query((rs, n) -> bySector.computeIfAbsent(rs.getLong("unit_id"), k -> new HashMap<>())
                        .put(rs.getLong("sector_id"), rs.getBoolean("held") ? CampaignState.HELD : CampaignState.SCHEDULED))
                .list();

        List<CampaignReport.Unit> units = jdbc.sql(REACH + """
                        , people as (
                            select r.unit_id, count(li.person_id) as invited,
                                   count(s.id) filter (where s.status in ('PRESENT', 'LATE')) as signed_in
                            from reach r join su on su.id = r.unit_id
                            join lecture_invitee li on li.lecture_id = r.lecture_id
                            join person pp on pp.id = li.person_id join unit pu on pu.id = pp.unit_id
                            left join sign_in s on s.occasion_kind = 'LECTURE' and s.occasion_id = r.lecture_id
                                               and s.person_id = li.person_id
                            where pu.path like su.path || '%'
                            group by r.unit_id)
                        select su.id, su.name,
                               count(r.lecture_id) filter (where r.status = 'HELD') as held,
                               count(r.lecture_id) filter (where r.status in ('PLANNED', 'PUBLISHED')) as scheduled,
                               coalesce(max(pe.invited), 0) as invited, coalesce(max(pe.signed_in), 0) as signed_in
                        from su left join reach r on r.unit_id = su.id left join people pe on pe.unit_id = su.id
                        group by su.id, su.name, su.sort_order order by su.sort_order, su.name, su.id""").params(p)
                .query((rs, n) -> {
                    long id = rs.getLong("id");
                    int held = rs.getInt("held");
                    int scheduled = rs.getInt("scheduled");
                    CampaignState state = held > 0 ? CampaignState.HELD : scheduled > 0 ? CampaignState.SCHEDULED
                            : CampaignState.NONE;
                    return new CampaignReport.Unit(id, rs.getString("name"), state,
                            Map.copyOf(bySector.getOrDefault(id, Map.of())), held, scheduled, rs.getInt("invited"),
                            rs.getInt("signed_in"));
                }).list();

        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
            months.add(m);
        }
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, Map<YearMonth, Integer>> perMonth = new HashMap<>();
        jdbc.sql("""
                        select p.id, p.name, to_char(l.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month,
                               count(*) as n
                        from lecture l join unit u on u.id = l.unit_id join lecture_lecturer ll on ll.lecture_id = l.id
                        join person p on p.id = ll.person_id
                        where l.status <> 'CANCELLED' and l.starts_at >= :from and l.starts_at < :to and u.path like :scope
                        group by p.id, p.name, month order by p.name, p.id""").params(p)
                .query((rs, n) -> {
                    long id = rs.getLong("id");
                    names.put(id, rs.getString("name"));
                    return perMonth.computeIfAbsent(id, k -> new HashMap<>())
                            .put(YearMonth.parse(rs.getString("month")), rs.getInt("n"));
                }).list();
        List<CampaignReport.LecturerLoad> loads = names.entrySet().stream().map(e -> {
            Map<YearMonth, Integer> m = Map.copyOf(perMonth.get(e.getKey()));
            return new CampaignReport.LecturerLoad(e.getKey(), e.getValue(), m,
                    m.values().stream().mapToInt(Integer::intValue).sum());
        }).toList();
        return new CampaignReport(topicId, from, to, sectors, units, months, loads);
    }

    /**
     * The units of the table ({@code su}: the caller's unit's children, or the unit itself when it has none), the
     * topic's lectures of the period that the caller sees ({@code lec}) and which unit each reaches ({@code reach}).
     */
    private static final String REACH = """
            with su as (
                select c.id, c.name, c.path, c.sort_order from unit c where c.parent_id = :me
                union all
                select u.id, u.name, u.path, u.sort_order from unit u
                where u.id = :me and not exists (select 1 from unit x where x.parent_id = :me)
            ), lec as (
                select l.id, l.status, u.path from lecture l join unit u on u.id = l.unit_id
                where l.topic_id = :topic and l.status <> 'CANCELLED' and l.starts_at >= :from and l.starts_at < :to
                  and (u.path like :scope or :own like u.path || '%')
            ), reach as (
                select su.id as unit_id, lec.id as lecture_id, lec.status from su join lec on lec.path like su.path || '%'
                union
                select su.id, lec.id, lec.status from su cross join lec
                join lecture_audience_unit au on au.lecture_id = lec.id join unit a on a.id = au.unit_id
                where a.path like su.path || '%' or su.path like a.path || '%'
            )
            """;
}
