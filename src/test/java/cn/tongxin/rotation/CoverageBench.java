package cn.tongxin.rotation;

import cn.tongxin.Application;
import cn.tongxin.security.SystemCaller;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The coverage benchmark (not a test; run by {@code bench/coverage/run.sh}): an embedded PostgreSQL with
 * 100,000 people under 111 units, one plan over all of them (2023–2027), 1,000 classes of 100 people spread over
 * the five years; then the coverage page's service calls are timed and the main query is EXPLAIN ANALYZEd.
 */
public final class CoverageBench {

    private CoverageBench() {
    }

    public static void main(String[] args) {
        String dir = args.length > 0 ? args[0] : "bench/coverage/data";
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(Application.class)
                .run("--tongxin.embedded-db.dir=" + dir + "/pg", "--tongxin.demo-data=never", "--server.port=0",
                        "--spring.main.banner-mode=off", "--logging.level.root=warn", "--vaadin.launch-browser=false");
        try {
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            long t0 = System.nanoTime();
            long planId = generate(jdbc);
            System.out.printf("data ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            System.out.println(jdbc.sql("""
                    select format('people %s, units %s, classes %s, sessions %s, enrollments %s',
                      (select count(*) from person), (select count(*) from unit), (select count(*) from rotation_class),
                      (select count(*) from rotation_session), (select count(*) from rotation_enrollment))""")
                    .query(String.class).single());
            CoverageService coverage = ctx.getBean(CoverageService.class);
            CoverageSnapshots snapshots = ctx.getBean(CoverageSnapshots.class);
            RotationService rotation = ctx.getBean(RotationService.class);
            // Something coverage depends on changes: one enrollment is written again (the trigger leaves a change row).
            Runnable change = () -> jdbc.sql("update rotation_enrollment set hours = hours where id = (select min(id) from rotation_enrollment)").update();
            SystemCaller.runAsSystem(() -> {
                change.run();
                CoverageReport r = coverage.coverage(planId, null);
                System.out.printf("coverage: population %d, trained %d (%.1f%%), enrolled %d, untouched %d; forecast %.1f%%, %d more classes%n",
                        r.total().population(), r.total().trained(), r.total().trainedPct(), r.total().enrolled(),
                        r.total().untouched(), r.forecast().projectedPct(), r.forecast().classesNeeded());
                System.out.println("\nthe page, figures up to date (the usual case: the background job recomputes within 15 s of a change)");
                time("coverage(plan) – the page's figures, sectors, units, forecast", 20, () -> coverage.coverage(planId, null));
                Long city = r.byUnit().stream().filter(CoverageRow::hasChildren).findFirst().map(CoverageRow::id).orElse(null);
                time("coverage(plan, city) – drill down one level", 20, () -> coverage.coverage(planId, city));
                time("untrained(plan, 0, 50) – first page of the at-risk list", 20, () -> coverage.untrained(planId, null, 0, 50));
                time("untrained(plan, city, 0, 50) – the same, one city", 20, () -> coverage.untrained(planId, city, 0, 50));
                time("whole coverage page (coverage + untrained page)", 20, () -> {
                    coverage.coverage(planId, null);
                    coverage.untrained(planId, null, 0, 50);
                });
                time("exportXlsx(plan) – full workbook incl. every untrained person", 5,
                        () -> coverage.exportXlsx(planId, Locale.SIMPLIFIED_CHINESE));
                System.out.println("\nthe page opened right after a change, before the background job ran");
                time("whole page after a change, as it opens (last figures + 'recomputing'; CoverageView)", 10, () -> {
                    change.run();
                    coverage.lastCoverage(planId, null).orElseThrow();
                    coverage.untrained(planId, null, 0, 50);
                });
                time("whole page after a change, up to date (recompute + read; coverage())", 10, () -> {
                    change.run();
                    coverage.coverage(planId, null);
                    coverage.untrained(planId, null, 0, 50);
                });
                PlanDetail plan = rotation.plan(planId);
                time("recomputation alone (one pass over 100,000 people, written down)", 10, () -> {
                    change.run();
                    snapshots.refresh(plan);
                });
                System.out.println(jdbc.sql("""
                        select format('snapshot: %s figure rows, %s untrained rows, %s change rows',
                          (select count(*) from coverage_figure where plan_id = :p), (select count(*) from coverage_untrained where plan_id = :p),
                          (select count(*) from coverage_change))""").param("p", planId).query(String.class).single());
                System.out.println("\nEXPLAIN (ANALYZE, BUFFERS) of the page's reads:");
                explain(jdbc, """
                        select f.unit_id, f.sector_id, f.population, f.trained, f.enrolled, f.recent
                        from coverage_figure f join unit u on u.id = f.unit_id
                        where f.plan_id = :plan and u.path like '/%'""", planId);
                explain(jdbc, """
                        select cu.person_id, cu.name, u.name as unit_name, cu.enrolled
                        from coverage_untrained cu join unit u on u.id = cu.unit_id
                        where cu.plan_id = :plan and cu.path like '/%'
                        order by cu.enrolled, cu.path, cu.name, cu.person_id limit 50 offset 0""", planId);
            });
        } finally {
            ctx.close();
        }
    }

    private static void explain(JdbcClient jdbc, String sql, long planId) {
        jdbc.sql("explain (analyze, buffers) " + sql).param("plan", planId).query(String.class).list().forEach(System.out::println);
        System.out.println();
    }

    private static void time(String label, int runs, Runnable work) {
        work.run(); // warm-up
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            work.run();
            ms.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(ms);
        System.out.printf("%-70s median %7.1f ms   min %7.1f ms   max %7.1f ms (%d runs)%n", label, ms.get(ms.size() / 2),
                ms.getFirst(), ms.getLast(), runs);
    }

    /** Generates the data set once (set-based SQL); later runs reuse it. Returns the plan's id. */
    private static long generate(JdbcClient jdbc) {
        Long existing = jdbc.sql("select id from rotation_plan where name = 'bench plan'").query(Long.class).optional().orElse(null);
        long enrollments = jdbc.sql("select count(*) from rotation_enrollment").query(Long.class).single();
        if (existing != null && enrollments == 100_000) {
            return existing;
        }
        if (existing != null) {
            throw new IllegalStateException("a half-generated data set: delete bench/coverage/data and run again");
        }
        jdbc.sql("insert into unit (name, kind) values ('省委统战部', 'PROVINCE')").update();
        jdbc.sql("""
                insert into unit (parent_id, name, kind, sort_order)
                select (select id from unit where parent_id is null), '市' || c, 'CITY', c from generate_series(1, 10) c""").update();
        jdbc.sql("""
                insert into unit (parent_id, name, kind, sort_order)
                select u.id, u.name || '县' || k, 'COUNTY', k from unit u cross join generate_series(1, 10) k where u.kind = 'CITY'""").update();
        jdbc.sql("""
                insert into person (name, gender, unit_id, party_id, representative)
                select '人员' || g, case when g % 2 = 0 then 'M' else 'F' end,
                       (select a[1 + g % array_length(a, 1)] from (select array_agg(id order by id) a from unit where kind <> 'PROVINCE') x),
                       (select id from party order by id limit 1 offset g % 10), g % 4 = 0
                from generate_series(1, 100000) g""").update();
        jdbc.sql("""
                insert into person_sector (person_id, sector_id)
                select p.id, (select id from sector order by id limit 1 offset p.id % 13) from person p
                union
                select p.id, (select id from sector order by id limit 1 offset (p.id * 7) % 13) from person p where p.id % 5 = 0""").update();
        long plan = jdbc.sql("""
                insert into rotation_plan (name, unit_id, cycle_start, cycle_end, requirement, min_days)
                values ('bench plan', (select id from unit where parent_id is null), date '2023-01-01', date '2027-12-31', 'CLASS', 3)
                returning id""").query(Long.class).single();
        jdbc.sql("insert into rotation_plan_sector select :p, id from sector").param("p", plan).update();
        jdbc.sql("""
                insert into rotation_class (title, unit_id, venue, start_date, end_date, capacity, enrolled, status)
                select '第' || i || '期', (select id from unit where parent_id is null), '学院',
                       date '2023-01-02' + (i * 1820 / 1000), date '2023-01-02' + (i * 1820 / 1000) + 3, 100, 100,
                       case when date '2023-01-02' + (i * 1820 / 1000) + 3 < current_date then 'CLOSED' else 'PUBLISHED' end
                from generate_series(0, 999) i""").update();
        jdbc.sql("insert into rotation_class_plan select id, :p from rotation_class").param("p", plan).update();
        jdbc.sql("""
                insert into rotation_session (class_id, title, kind, starts_at, ends_at, hours)
                select c.id, '课' || d || h, 'LECTURE',
                       ((c.start_date + d)::timestamp + make_interval(hours => 9 + h * 5)) at time zone 'Asia/Shanghai',
                       ((c.start_date + d)::timestamp + make_interval(hours => 12 + h * 5)) at time zone 'Asia/Shanghai', 3
                from rotation_class c cross join generate_series(0, 3) d cross join generate_series(0, 1) h""").update();
        // every person once: i * 7919 mod 100000 is a permutation of 0..99999
        jdbc.sql("""
                with c as (select id, row_number() over (order by id) - 1 as i, end_date, status from rotation_class),
                     base as (select min(id) as first from person)
                insert into rotation_enrollment (class_id, person_id, status, hours, completed_at)
                select c.id, base.first + ((c.i * 100 + k) * 7919) % 100000,
                       case when c.status = 'CLOSED' then case when k % 10 = 9 then 'NOT_COMPLETED' else 'COMPLETED' end else 'INVITED' end,
                       case when c.status = 'CLOSED' and k % 10 <> 9 then 24 end,
                       case when c.status = 'CLOSED' and k % 10 <> 9 then (c.end_date + time '18:00') at time zone 'Asia/Shanghai' end
                from c cross join base cross join generate_series(0, 99) k""").update();
        jdbc.sql("analyze").update();
        return plan;
    }
}
