package cn.tongxin.rotation;

import cn.tongxin.Application;
import cn.tongxin.security.SystemCaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each viewed plan's coverage written down (coverage_state / coverage_figure / coverage_untrained, see V030)
 * and exact: a snapshot remembers the PostgreSQL snapshot it was computed in, triggers leave a change row (with its
 * transaction id) for every statement that touches what coverage depends on, and a snapshot is stale once a
 * committed change is not visible in it, or on a new day. Stale snapshots are recomputed before a read
 * ({@link #ensureFresh}) and, so that readers rarely wait, in the background.
 */
@Component
class CoverageSnapshots {

    private static final Logger log = LoggerFactory.getLogger(CoverageSnapshots.class);
    /** Change rows are kept at least this long, so that a recomputation still running never misses one. */
    static final Duration KEEP_CHANGES = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final RotationService rotation;
    private final Clock clock;

    CoverageSnapshots(JdbcClient jdbc, TransactionTemplate transaction, RotationService rotation, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.rotation = rotation;
        this.clock = clock;
    }

    /** Recomputes the plan's snapshot if it is missing or stale (in its own transaction, before the caller reads it). */
    void ensureFresh(PlanDetail plan) {
        if (!fresh(plan.id())) {
            refresh(plan);
        }
    }

    boolean fresh(long planId) {
        return jdbc.sql("""
                        select coalesce((select s.computed_on = :today and not exists (
                                  select 1 from coverage_change c
                                  where (c.plan_id = s.plan_id or c.plan_id is null)
                                    and not pg_visible_in_snapshot(c.xid, s.snapshot))
                                from coverage_state s where s.plan_id = :plan), false)""")
                .param("today", LocalDate.now(clock)).param("plan", planId).query(Boolean.class).single();
    }

    /**
     * One pass over the plan's whole population (the readers narrow it to their scope by unit path): per unit, per
     * unit × sector, and the untrained people, written in one transaction. Refreshes of one plan queue behind each
     * other; the second finds the snapshot fresh and does nothing.
     */
    void refresh(PlanDetail plan) {
        transaction.executeWithoutResult(s -> {
            jdbc.sql("select 1 from (select pg_advisory_xact_lock(7301, cast(:plan as integer))) x").param("plan", plan.id()).query(Integer.class).single();
            if (fresh(plan.id())) {
                return;
            }
            long started = System.nanoTime();
            jdbc.sql("delete from coverage_figure where plan_id = :plan").param("plan", plan.id()).update();
            jdbc.sql("delete from coverage_untrained where plan_id = :plan").param("plan", plan.id()).update();
            Population.tune(jdbc);
            LocalDate today = LocalDate.now(clock);
            Map<String, Object> params = new HashMap<>();
            String ctes = Population.ctes(plan, plan.unitPath(), params);
            params.put("since", Timestamp.from(today.minusMonths(12).atStartOfDay(Application.ZONE).toInstant()));
            params.put("today", today);
            params.put("now", Timestamp.from(clock.instant()));
            // One statement, so that all of it (and pg_current_snapshot()) sees the same data.
            int people = jdbc.sql("with " + ctes + """
                            , st as materialized (
                                select pop.person_id, pop.unit_id, pop.path, pop.name, t.person_id is not null as tr,
                                       t.person_id is null and en.person_id is not null as en,
                                       coalesce(t.trained_at >= :since, false) as recent
                                from pop left join trained t on t.person_id = pop.person_id
                                         left join enrolled en on en.person_id = pop.person_id),
                            by_unit as (
                                insert into coverage_figure (plan_id, unit_id, sector_id, population, trained, enrolled, recent)
                                select :popPlan, unit_id, null, count(*), count(*) filter (where tr),
                                       count(*) filter (where en), count(*) filter (where recent)
                                from st group by unit_id),
                            by_sector as (
                                insert into coverage_figure (plan_id, unit_id, sector_id, population, trained, enrolled, recent)
                                select :popPlan, st.unit_id, ps.sector_id, count(*), count(*) filter (where tr),
                                       count(*) filter (where en), count(*) filter (where recent)
                                from st join person_sector ps on ps.person_id = st.person_id group by st.unit_id, ps.sector_id),
                            untrained as (
                                insert into coverage_untrained (plan_id, person_id, unit_id, path, name, enrolled)
                                select :popPlan, person_id, unit_id, path, name, en from st where not tr)
                            insert into coverage_state (plan_id, snapshot, computed_at, computed_on, population, took_ms)
                            select :popPlan, pg_current_snapshot(), :now, :today, count(*), 0 from st
                            on conflict (plan_id) do update set snapshot = excluded.snapshot, computed_at = excluded.computed_at,
                                computed_on = excluded.computed_on, population = excluded.population
                            returning population""")
                    .params(params).query(Integer.class).single();
            int took = (int) ((System.nanoTime() - started) / 1_000_000);
            jdbc.sql("update coverage_state set took_ms = :took where plan_id = :plan")
                    .param("took", took).param("plan", plan.id()).update();
            log.debug("coverage of plan {} recomputed: {} people in {} ms", plan.id(), people, took);
        });
    }

    /** When the snapshot the readers see was computed. */
    Instant computedAt(long planId) {
        return jdbc.sql("select computed_at from coverage_state where plan_id = :plan").param("plan", planId)
                .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
    }

    /** In the background: recompute the stale snapshots of plans someone has looked at, then drop old change rows. */
    @Scheduled(fixedDelayString = "${tongxin.coverage.refresh-every:PT15S}",
            initialDelayString = "${tongxin.coverage.refresh-every:PT15S}")
    void refreshStale() {
        SystemCaller.runAsSystem(() -> {
            List<Long> plans = jdbc.sql("select plan_id from coverage_state order by plan_id").query(Long.class).list();
            for (long planId : plans) {
                try {
                    if (!fresh(planId)) {
                        refresh(rotation.plan(planId));
                    }
                } catch (RuntimeException e) {
                    log.warn("coverage of plan {} not recomputed: {}", planId, e.toString());
                }
            }
            forgetOldChanges();
        });
    }

    /** Change rows every snapshot has seen (and older than {@link #KEEP_CHANGES}) are no longer needed. */
    int forgetOldChanges() {
        return jdbc.sql("""
                        delete from coverage_change c where c.created_at < now() - cast(:keep as interval) and not exists (
                            select 1 from coverage_state s where (c.plan_id is null or c.plan_id = s.plan_id)
                              and not pg_visible_in_snapshot(c.xid, s.snapshot))""")
                .param("keep", KEEP_CHANGES.toSeconds() + " seconds").update();
    }
}
