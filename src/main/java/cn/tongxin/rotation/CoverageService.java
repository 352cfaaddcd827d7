package cn.tongxin.rotation;

import cn.tongxin.audit.AuditService;
import cn.tongxin.base.Page;
import cn.tongxin.base.Translations;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Coverage of a plan (轮训覆盖率): two set-based queries over the population (per unit, per sector), the unit
 * tree folded in memory (units are few), a forecast, the untrained list and an .xlsx export.
 * Organizers and checkers see the part of the population inside their scope.
 */
@Service
public class CoverageService {

    private static final String READERS = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "','" + Roles.CHECKER + "')";

    private final JdbcClient jdbc;
    private final RotationService rotation;
    private final AuditService audit;
    private final Clock clock;

    CoverageService(JdbcClient jdbc, RotationService rotation, AuditService audit, Clock clock) {
        this.jdbc = jdbc;
        this.rotation = rotation;
        this.audit = audit;
        this.clock = clock;
    }

    record UnitNode(long id, Long parentId, String name, String path) {
    }

    record UnitCounts(long unitId, CoverageCounts counts, long recent) {
    }

    /** The coverage of a plan, with the unit table showing the children of {@code unitId} (null: the top of the scope). */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public CoverageReport coverage(long planId, Long unitId) {
        Caller caller = Callers.require();
        PlanDetail plan = rotation.plan(planId);
        String scope = RotationService.coverageScope(caller, plan);
        LocalDate today = LocalDate.now(clock);

        Map<String, Object> params = new HashMap<>();
        String ctes = Population.ctes(plan, scope, params);
        params.put("since", Timestamp.from(today.minusMonths(12).atStartOfDay(cn.tongxin.Application.ZONE).toInstant()));
        // One pass over the population: each person's state once, then folded by unit and by sector.
        Population.tune(jdbc);
        record Group(String kind, long id, CoverageCounts counts, long recent) {
        }
        List<Group> groups = jdbc.sql("with " + ctes + """
                         , st as (select pop.person_id, pop.unit_id, t.person_id is not null as tr,
                                         t.person_id is null and en.person_id is not null as en,
                                         coalesce(t.trained_at >= :since, false) as recent
                                  from pop left join trained t on t.person_id = pop.person_id
                                  left join enrolled en on en.person_id = pop.person_id)
                         select 'U' as kind, unit_id as id, count(*) as population, count(*) filter (where tr) as trained,
                                count(*) filter (where en) as enrolled, count(*) filter (where recent) as recent
                         from st group by unit_id
                         union all
                         select 'S', ps.sector_id, count(*), count(*) filter (where tr), count(*) filter (where en),
                                count(*) filter (where recent)
                         from st join person_sector ps on ps.person_id = st.person_id group by ps.sector_id""")
                .params(params).query((rs, n) -> new Group(rs.getString("kind"), rs.getLong("id"),
                        new CoverageCounts(rs.getLong("population"), rs.getLong("trained"), rs.getLong("enrolled")),
                        rs.getLong("recent"))).list();
        List<UnitCounts> perUnit = groups.stream().filter(g -> g.kind().equals("U"))
                .map(g -> new UnitCounts(g.id(), g.counts(), g.recent())).toList();
        Map<Long, CoverageCounts> perSector = new HashMap<>();
        groups.stream().filter(g -> g.kind().equals("S")).forEach(g -> perSector.put(g.id(), g.counts()));
        List<CoverageRow> bySector = jdbc.sql("select id, name from sector order by sort_order, id")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list().stream()
                .filter(e -> perSector.containsKey(e.getKey()))
                .map(e -> new CoverageRow(e.getKey(), e.getValue(), perSector.get(e.getKey()), false)).toList();

        List<UnitNode> units = jdbc.sql("select id, parent_id, name, path from unit where path like :scope order by path")
                .param("scope", scope + "%")
                .query((rs, n) -> new UnitNode(rs.getLong("id"), (Long) rs.getObject("parent_id"), rs.getString("name"),
                        rs.getString("path"))).list();
        Map<Long, UnitNode> byId = new LinkedHashMap<>();
        units.forEach(u -> byId.put(u.id(), u));
        UnitNode top = units.getFirst();
        UnitNode selected = unitId != null && byId.containsKey(unitId) ? byId.get(unitId) : top;
        Map<Long, CoverageCounts> leafCounts = new HashMap<>();
        perUnit.forEach(c -> leafCounts.put(c.unitId(), c.counts()));

        CoverageCounts total = perUnit.stream().map(UnitCounts::counts).reduce(CoverageCounts.ZERO, CoverageCounts::plus);
        List<CoverageRow> byUnit = new ArrayList<>();
        CoverageCounts own = leafCounts.getOrDefault(selected.id(), CoverageCounts.ZERO);
        if (own.population() > 0) {
            byUnit.add(new CoverageRow(selected.id(), selected.name(), own, false));
        }
        for (UnitNode child : units) {
            if (child.parentId() != null && child.parentId() == selected.id()) {
                CoverageCounts sum = CoverageCounts.ZERO;
                boolean hasChildren = false;
                for (UnitNode u : units) {
                    if (u.path().startsWith(child.path())) {
                        sum = sum.plus(leafCounts.getOrDefault(u.id(), CoverageCounts.ZERO));
                        hasChildren |= u.id() != child.id();
                    }
                }
                byUnit.add(new CoverageRow(child.id(), child.name(), sum, hasChildren));
            }
        }

        long recent = perUnit.stream().mapToLong(UnitCounts::recent).sum();
        Forecast forecast = forecast(plan, total, recent, today);
        CoverageReport.RiskKind risk = today.isAfter(plan.data().cycleEnd()) ? CoverageReport.RiskKind.OVERDUE
                : !today.plusMonths(12).isBefore(plan.data().cycleEnd()) ? CoverageReport.RiskKind.AT_RISK
                : CoverageReport.RiskKind.NONE;
        Long parent = selected == top ? null : selected.parentId();
        return new CoverageReport(plan.id(), plan.data().name(), plan.data().cycleStart(), plan.data().cycleEnd(),
                selected.id(), selected.name(), parent, total, bySector, byUnit, forecast, risk);
    }

    private Forecast forecast(PlanDetail plan, CoverageCounts total, long recent, LocalDate today) {
        long monthsLeft = Math.max(0, ChronoUnit.MONTHS.between(today, plan.data().cycleEnd()));
        long projected = Math.min(total.population(), total.trained() + Math.round(recent * monthsLeft / 12.0));
        double pct = total.population() == 0 ? 0 : Math.round(1000.0 * projected / total.population()) / 10.0;
        Double avg = jdbc.sql("select avg(c.capacity) from rotation_class c join rotation_class_plan cp on cp.class_id = c.id where cp.plan_id = :p")
                .param("p", plan.id()).query(Double.class).optional().orElse(null);
        int capacity = avg == null ? 50 : (int) Math.max(1, Math.round(avg));
        long left = total.untouched();
        long classes = (left + capacity - 1) / capacity;
        return new Forecast(recent, monthsLeft, projected, pct, left, capacity, classes);
    }

    /** The people of the population (in scope) not yet trained, untouched first: overdue or at risk near the cycle's end. */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public Page<AtRiskRow> untrained(long planId, Long unitId, int offset, int limit) {
        Caller caller = Callers.require();
        PlanDetail plan = rotation.plan(planId);
        String scope = RotationService.coverageScope(caller, plan);
        if (unitId != null) {
            String path = rotation.unitPath(unitId);
            if (path.startsWith(scope)) {
                scope = path;
            }
        }
        Population.tune(jdbc);
        Map<String, Object> params = new HashMap<>();
        String ctes = Population.ctes(plan, scope, params);
        String from = " from pop left join trained t on t.person_id = pop.person_id left join enrolled en on en.person_id = pop.person_id"
                      + " join person p on p.id = pop.person_id join unit u on u.id = pop.unit_id where t.person_id is null";
        long total = jdbc.sql("with " + ctes + " select count(*)" + from).params(params).query(Long.class).single();
        params.put("limit", limit);
        params.put("offset", offset);
        List<AtRiskRow> rows = jdbc.sql("with " + ctes + """
                         select p.id, p.name, u.name as unit_name, en.person_id is not null as enrolled,
                                (select string_agg(s.name, '、' order by s.sort_order) from person_sector ps
                                   join sector s on s.id = ps.sector_id where ps.person_id = p.id) as sectors""" + from
                                        + " order by (en.person_id is not null), u.path, p.name, p.id limit :limit offset :offset")
                .params(params).query((rs, n) -> new AtRiskRow(rs.getLong("id"), rs.getString("name"),
                        rs.getString("unit_name"), rs.getString("sectors"), rs.getBoolean("enrolled"))).list();
        return new Page<>(rows, total);
    }

    /** The coverage as a workbook: summary, sectors, every unit with its subtree, and the untrained people. */
    @PreAuthorize(READERS)
    @Transactional
    public byte[] exportXlsx(long planId, Locale locale) {
        CoverageReport top = coverage(planId, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "Tongxin", "1.0");
            Worksheet summary = wb.newWorksheet(t(locale, "rotation.coverage.sheet.summary"));
            String[][] lines = {
                    {t(locale, "rotation.plan.name"), top.planName()},
                    {t(locale, "rotation.plan.cycle"), top.cycleStart() + " – " + top.cycleEnd()},
                    {t(locale, "rotation.coverage.population"), String.valueOf(top.total().population())},
                    {t(locale, "rotation.coverage.trained"), top.total().trained() + " (" + top.total().trainedPct() + "%)"},
                    {t(locale, "rotation.coverage.enrolled"), top.total().enrolled() + " (" + top.total().enrolledPct() + "%)"},
                    {t(locale, "rotation.coverage.untouched"), top.total().untouched() + " (" + top.total().untouchedPct() + "%)"},
                    {t(locale, "rotation.coverage.forecast.pace"), String.valueOf(top.forecast().trainedLast12Months())},
                    {t(locale, "rotation.coverage.forecast.projected"), top.forecast().projectedPct() + "%"},
                    {t(locale, "rotation.coverage.forecast.classes"), String.valueOf(top.forecast().classesNeeded())}};
            for (int r = 0; r < lines.length; r++) {
                summary.value(r, 0, lines[r][0]);
                summary.value(r, 1, lines[r][1]);
            }
            Worksheet sectors = wb.newWorksheet(t(locale, "rotation.coverage.by-sector"));
            writeRows(sectors, locale, top.bySector());
            Worksheet units = wb.newWorksheet(t(locale, "rotation.coverage.by-unit"));
            writeRows(units, locale, allUnits(planId, top));
            Worksheet people = wb.newWorksheet(t(locale, "rotation.coverage.untrained"));
            String[] head = {t(locale, "rotation.person.name"), t(locale, "rotation.person.unit"),
                    t(locale, "rotation.person.sectors"), t(locale, "rotation.coverage.enrolled")};
            for (int c = 0; c < head.length; c++) {
                people.value(0, c, head[c]);
            }
            int r = 1;
            for (AtRiskRow row : untrained(planId, null, 0, 1_000_000).items()) {
                people.value(r, 0, row.name());
                people.value(r, 1, row.unitName());
                people.value(r, 2, row.sectors());
                people.value(r, 3, row.enrolled() ? "✓" : "");
                r++;
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(AuditService.EXPORT, RotationService.PLAN, planId, top.planName(), "coverage.xlsx");
        return out.toByteArray();
    }

    /** Every unit of the scope with its subtree's figures, walking the tree from the top. */
    private List<CoverageRow> allUnits(long planId, CoverageReport top) {
        List<CoverageRow> all = new ArrayList<>();
        List<Long> queue = new ArrayList<>(List.of(top.unitId()));
        all.add(new CoverageRow(top.unitId(), top.unitName(), top.total(), true));
        while (!queue.isEmpty()) {
            CoverageReport level = coverage(planId, queue.removeFirst());
            for (CoverageRow row : level.byUnit()) {
                if (row.id() != level.unitId()) {
                    all.add(row);
                    if (row.hasChildren()) {
                        queue.add(row.id());
                    }
                }
            }
        }
        return all;
    }

    private static void writeRows(Worksheet ws, Locale locale, List<CoverageRow> rows) {
        String[] head = {t(locale, "rotation.coverage.name"), t(locale, "rotation.coverage.population"),
                t(locale, "rotation.coverage.trained"), t(locale, "rotation.coverage.enrolled"),
                t(locale, "rotation.coverage.untouched"), t(locale, "rotation.coverage.trained-pct")};
        for (int c = 0; c < head.length; c++) {
            ws.value(0, c, head[c]);
        }
        int r = 1;
        for (CoverageRow row : rows) {
            ws.value(r, 0, row.name());
            ws.value(r, 1, row.counts().population());
            ws.value(r, 2, row.counts().trained());
            ws.value(r, 3, row.counts().enrolled());
            ws.value(r, 4, row.counts().untouched());
            ws.value(r, 5, row.counts().trainedPct());
            r++;
        }
    }

    private static String t(Locale locale, String key) {
        return Translations.get(locale, key);
    }

    static void requireReader(Caller caller) {
        if (!caller.isAdmin() && !caller.has(Roles.ORGANIZER) && !caller.has(Roles.CHECKER)) {
            throw new AccessDeniedException("not a reader");
        }
    }
}
