package cn.tongxin.rotation;

import cn.tongxin.audit.AuditDetail;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Coverage of a plan (轮训覆盖率), read from the plan's snapshot ({@link CoverageSnapshots}: one pass over the
 * population per change, written down per unit and per unit × sector, and the untrained people), recomputed first
 * when something it depends on has changed. The unit tree is folded in memory (units are few); a forecast, the
 * untrained list and an .xlsx export. Organizers and checkers see the part of the population inside their scope.
 */
@Service
public class CoverageService {

    private static final String READERS = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "','" + Roles.CHECKER + "')";

    private final JdbcClient jdbc;
    private final RotationService rotation;
    private final CoverageSnapshots snapshots;
    private final AuditService audit;
    private final Clock clock;
    private final TransactionTemplate consistentRead;

    CoverageService(JdbcClient jdbc, RotationService rotation, CoverageSnapshots snapshots, AuditService audit, Clock clock,
                    PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.rotation = rotation;
        this.snapshots = snapshots;
        this.audit = audit;
        this.clock = clock;
        this.consistentRead = new TransactionTemplate(transactions);
        consistentRead.setReadOnly(true);
        consistentRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    record UnitNode(long id, Long parentId, String name, String path) {
    }

    /** The snapshot's figures inside a scope: per unit (each person once), per sector, and the units of the scope. */
    private record Figures(Map<Long, CoverageCounts> perUnit, Map<Long, CoverageCounts> perSector, long recent,
                           List<UnitNode> units, Instant computedAt) {

        CoverageCounts subtree(UnitNode top) {
            CoverageCounts sum = CoverageCounts.ZERO;
            for (UnitNode u : units) {
                if (u.path().startsWith(top.path())) {
                    sum = sum.plus(perUnit.getOrDefault(u.id(), CoverageCounts.ZERO));
                }
            }
            return sum;
        }

        List<UnitNode> children(UnitNode parent) {
            return units.stream().filter(u -> u.parentId() != null && u.parentId() == parent.id()).toList();
        }
    }

    /**
     * The coverage of a plan, up to date (recomputed first if anything it depends on has changed), with the unit
     * table showing the children of {@code unitId} (null: the top of the scope).
     */
    @PreAuthorize(READERS)
    public CoverageReport coverage(long planId, Long unitId) {
        Caller caller = Callers.require();
        PlanDetail plan = rotation.plan(planId);
        snapshots.ensureFresh(plan);
        String scope = RotationService.coverageScope(caller, plan);
        return consistentRead.execute(s -> report(plan, figures(plan.id(), scope), unitId, true));
    }

    /**
     * The coverage as last computed, at once, saying whether it is still up to date (a page shows it and brings it up
     * to date with {@link #coverage} in the background); empty if it has never been computed.
     */
    @PreAuthorize(READERS)
    public Optional<CoverageReport> lastCoverage(long planId, Long unitId) {
        Caller caller = Callers.require();
        PlanDetail plan = rotation.plan(planId);
        String scope = RotationService.coverageScope(caller, plan);
        return consistentRead.execute(s -> {
            Figures fig = figures(plan.id(), scope);
            return fig.computedAt() == null ? Optional.<CoverageReport>empty()
                    : Optional.of(report(plan, fig, unitId, snapshots.fresh(planId)));
        });
    }

    private Figures figures(long planId, String scope) {
        record Line(long unitId, Long sectorId, CoverageCounts counts, long recent) {
        }
        List<Line> lines = jdbc.sql("""
                        select f.unit_id, f.sector_id, f.population, f.trained, f.enrolled, f.recent
                        from coverage_figure f join unit u on u.id = f.unit_id
                        where f.plan_id = :plan and u.path like :scope""")
                .param("plan", planId).param("scope", scope + "%")
                .query((rs, n) -> new Line(rs.getLong("unit_id"), (Long) rs.getObject("sector_id"),
                        new CoverageCounts(rs.getLong("population"), rs.getLong("trained"), rs.getLong("enrolled")),
                        rs.getLong("recent"))).list();
        Map<Long, CoverageCounts> perUnit = new HashMap<>();
        Map<Long, CoverageCounts> perSector = new HashMap<>();
        long recent = 0;
        for (Line l : lines) {
            if (l.sectorId() == null) {
                perUnit.put(l.unitId(), l.counts());
                recent += l.recent();
            } else {
                perSector.merge(l.sectorId(), l.counts(), CoverageCounts::plus);
            }
        }
        List<UnitNode> units = jdbc.sql("select id, parent_id, name, path from unit where path like :scope order by path")
                .param("scope", scope + "%")
                .query((rs, n) -> new UnitNode(rs.getLong("id"), (Long) rs.getObject("parent_id"), rs.getString("name"),
                        rs.getString("path"))).list();
        return new Figures(perUnit, perSector, recent, units, snapshots.computedAt(planId));
    }

    private CoverageReport report(PlanDetail plan, Figures fig, Long unitId, boolean upToDate) {
        LocalDate today = LocalDate.now(clock);
        List<CoverageRow> bySector = jdbc.sql("select id, name from sector order by sort_order, id")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list().stream()
                .filter(e -> fig.perSector().containsKey(e.getKey()))
                .map(e -> new CoverageRow(e.getKey(), e.getValue(), fig.perSector().get(e.getKey()), false)).toList();
        UnitNode top = fig.units().getFirst();
        UnitNode selected = unitId == null ? top : fig.units().stream().filter(u -> u.id() == unitId).findFirst().orElse(top);
        CoverageCounts total = fig.subtree(top);
        List<CoverageRow> byUnit = new ArrayList<>();
        CoverageCounts own = fig.perUnit().getOrDefault(selected.id(), CoverageCounts.ZERO);
        if (own.population() > 0) {
            byUnit.add(new CoverageRow(selected.id(), selected.name(), own, false));
        }
        for (UnitNode child : fig.children(selected)) {
            byUnit.add(new CoverageRow(child.id(), child.name(), fig.subtree(child), !fig.children(child).isEmpty()));
        }
        Forecast forecast = forecast(plan, total, fig.recent(), today);
        CoverageReport.RiskKind risk = today.isAfter(plan.data().cycleEnd()) ? CoverageReport.RiskKind.OVERDUE
                : !today.plusMonths(12).isBefore(plan.data().cycleEnd()) ? CoverageReport.RiskKind.AT_RISK
                : CoverageReport.RiskKind.NONE;
        Long parent = selected == top ? null : selected.parentId();
        return new CoverageReport(plan.id(), plan.data().name(), plan.data().cycleStart(), plan.data().cycleEnd(),
                selected.id(), selected.name(), parent, total, bySector, byUnit, forecast, risk, fig.computedAt(), upToDate);
    }

    private Forecast forecast(PlanDetail plan, CoverageCounts total, long recent, LocalDate today) {
        long monthsLeft = Math.max(0, ChronoUnit.MONTHS.between(today, plan.data().cycleEnd()));
        // Ahead lie the classes already scheduled and, at the last year's pace, more: the people enrolled now count
        // even when the pace is slower (the pace already includes scheduled classes, so the two are not added).
        long ahead = Math.max(total.enrolled(), Math.round(recent * monthsLeft / 12.0));
        long projected = Math.min(total.population(), total.trained() + ahead);
        double pct = total.population() == 0 ? 0 : Math.round(1000.0 * projected / total.population()) / 10.0;
        Double avg = jdbc.sql("select avg(c.capacity) from rotation_class c join rotation_class_plan cp on cp.class_id = c.id where cp.plan_id = :p")
                .param("p", plan.id()).query(Double.class).optional().orElse(null);
        int capacity = avg == null ? 50 : (int) Math.max(1, Math.round(avg));
        long left = total.untouched();
        long classes = (left + capacity - 1) / capacity;
        return new Forecast(recent, monthsLeft, projected, pct, left, capacity, classes);
    }

    /**
     * The people of the population (in scope) not yet trained, untouched first: overdue or at risk near the cycle's
     * end. Read from the same computation as the figures last read (computed now if there is none yet), so that the
     * list and the figures beside it agree; {@link #coverage} brings both up to date.
     */
    @PreAuthorize(READERS)
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
        if (snapshots.computedAt(planId) == null) {
            snapshots.ensureFresh(plan);
        }
        String within = scope + "%";
        return consistentRead.execute(s -> {
            // A generic plan cannot see the path prefix or the limit and sorts every untrained row of the scope.
            jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
            // the count from the figures (one row per unit), not by counting the untrained rows
            long total = jdbc.sql("""
                            select coalesce(sum(f.population - f.trained), 0) from coverage_figure f join unit u on u.id = f.unit_id
                            where f.plan_id = :plan and f.sector_id is null and u.path like :scope""")
                    .param("plan", planId).param("scope", within).query(Long.class).single();
            List<AtRiskRow> rows = jdbc.sql("""
                            select cu.person_id, cu.name, u.name as unit_name, cu.enrolled,
                                   (select string_agg(s.name, '、' order by s.sort_order) from person_sector ps
                                      join sector s on s.id = ps.sector_id where ps.person_id = cu.person_id) as sectors
                            from coverage_untrained cu join unit u on u.id = cu.unit_id
                            where cu.plan_id = :plan and cu.path like :scope
                            order by cu.enrolled, cu.path, cu.name, cu.person_id limit :limit offset :offset""")
                    .param("plan", planId).param("scope", within).param("limit", limit).param("offset", offset)
                    .query((rs, n) -> new AtRiskRow(rs.getLong("person_id"), rs.getString("name"),
                            rs.getString("unit_name"), rs.getString("sectors"), rs.getBoolean("enrolled"))).list();
            return new Page<>(rows, total);
        });
    }

    /** The coverage as a workbook: summary, sectors, every unit with its subtree, and the untrained people. */
    @PreAuthorize(READERS)
    public byte[] exportXlsx(long planId, Locale locale) {
        Caller caller = Callers.require();
        PlanDetail plan = rotation.plan(planId);
        snapshots.ensureFresh(plan);
        String scope = RotationService.coverageScope(caller, plan);
        Figures fig = consistentRead.execute(s -> figures(planId, scope));
        CoverageReport top = consistentRead.execute(s -> report(plan, fig, null, true));
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
            writeRows(units, locale, allUnits(fig));
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
        audit.record(AuditService.EXPORT, RotationService.PLAN, planId, top.planName(), AuditDetail.of("export.coverage"));
        return out.toByteArray();
    }

    /** Every unit of the scope with its subtree's figures, in tree order. */
    private static List<CoverageRow> allUnits(Figures fig) {
        return fig.units().stream()
                .map(u -> new CoverageRow(u.id(), u.name(), fig.subtree(u), !fig.children(u).isEmpty()))
                .filter(r -> r.counts().population() > 0).toList();
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
