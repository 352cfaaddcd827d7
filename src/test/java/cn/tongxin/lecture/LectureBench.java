package cn.tongxin.lecture;

import cn.tongxin.Application;
import cn.tongxin.base.DomainException;
import cn.tongxin.people.Audience;
import cn.tongxin.security.Caller;
import cn.tongxin.security.PortalUser;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lecture benchmark (not a test; run by {@code bench/lectures/run.sh}, see bench/lectures/README.md): the demo
 * province on an embedded PostgreSQL with 20,000 lectures in one year, the calendar's month query timed as an
 * administrator and as a city organizer; then 50 organizers save a lecture for the same lecturer at the same minute
 * (and 50 for the same venue), and exactly one of each must be saved.
 */
public final class LectureBench {

    static final int LECTURES = 20_000;
    static final int LECTURERS = 500;
    static final int VENUES = 1_000;
    static final int RUNS = 50;
    static final int THREADS = 50;

    private LectureBench() {
    }

    public static void main(String[] args) throws Exception {
        String dir = args.length > 0 ? args[0] : "bench/lectures/data";
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(Application.class)
                .run("--tongxin.embedded-db.dir=" + dir + "/pg", "--tongxin.demo-data=auto", "--server.port=0",
                        "--spring.main.banner-mode=off", "--logging.level.root=warn", "--vaadin.launch-browser=false",
                        "--tongxin.mail.poll-interval=1h");
        try {
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            LectureService lectures = ctx.getBean(LectureService.class);
            UserDetailsService users = ctx.getBean(UserDetailsService.class);
            System.out.printf("machine: %d cores; database %s%n", Runtime.getRuntime().availableProcessors(),
                    jdbc.sql("select version()").query(String.class).single().replaceAll(" on .*", ""));
            long t0 = System.nanoTime();
            int year = generate(jdbc);
            System.out.printf("data ready in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, jdbc.sql("""
                    select format('%s lectures in %s (%s planned, %s published, %s held, %s cancelled), %s lecturer rows, %s units, %s venues',
                      count(*), :year, count(*) filter (where status = 'PLANNED'), count(*) filter (where status = 'PUBLISHED'),
                      count(*) filter (where status = 'HELD'), count(*) filter (where status = 'CANCELLED'),
                      (select count(*) from lecture_lecturer), (select count(*) from unit), (select count(*) from lecture_venue))
                    from lecture where extract(year from starts_at at time zone 'Asia/Shanghai') = :year""")
                    .param("year", year).query(String.class).single());

            // The month view of June as the calendar asks for it: Monday before the 1st to the Sunday after the 30th.
            LocalDate first = LocalDate.of(year, 6, 1);
            LocalDate from = first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            LocalDate to = first.with(TemporalAdjusters.lastDayOfMonth()).with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)).plusDays(1);
            LectureQuery month = new LectureQuery(start(from), start(to), null, null, null, null);
            LocalDate monday = LocalDate.of(year, 6, 15).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            LectureQuery week = new LectureQuery(start(monday), start(monday.plusDays(7)), null, null, null, null);
            System.out.printf("%nthe calendar's reads (%d runs after 1 warm-up; month = %s – %s)%n", RUNS, from, to.minusDays(1));
            for (String who : List.of("admin", "qingzhou")) {
                signIn(users, who);
                int rows = lectures.search(month, 3000).size();
                time("month, " + who + " (" + rows + " lectures)", () -> lectures.search(month, 3000));
                time("week, " + who + " (" + lectures.search(week, 3000).size() + " lectures)", () -> lectures.search(week, 3000));
                time("list, first page of 50, " + who, () -> lectures.search(month, 50));
                long lecturer = jdbc.sql("select min(person_id) from lecturer where fields = 'bench'").query(Long.class).single();
                LectureQuery byLecturer = new LectureQuery(start(from), start(to), null, lecturer, null, null);
                time("month, one lecturer, " + who, () -> lectures.search(byLecturer, 3000));
                explain(jdbc, month, callerOf(users, who));
            }
            SecurityContextHolder.clearContext();

            System.out.printf("%n%d organizers save a lecture at the same minute%n", THREADS);
            race(jdbc, lectures, users, year, false);
            race(jdbc, lectures, users, year, true);
        } finally {
            ctx.close();
        }
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(Application.ZONE).toInstant();
    }

    private static void signIn(UserDetailsService users, String username) {
        var user = (PortalUser) users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    private static Caller callerOf(UserDetailsService users, String username) {
        return ((PortalUser) users.loadUserByUsername(username)).caller();
    }

    private static void time(String label, Runnable work) {
        work.run();
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            work.run();
            ms.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(ms);
        System.out.printf("  %-52s p50 %6.1f ms   p95 %6.1f ms   max %6.1f ms%n", label, ms.get(ms.size() / 2),
                ms.get((int) Math.ceil(ms.size() * 0.95) - 1), ms.getLast());
    }

    /** The plan of the month query as the service runs it for this caller. */
    private static void explain(JdbcClient jdbc, LectureQuery q, Caller caller) {
        Map<String, Object> params = new HashMap<>();
        params.put("from", Timestamp.from(q.from()));
        params.put("to", Timestamp.from(q.to()));
        String where = "l.starts_at >= :from and l.starts_at < :to and " + LectureService.visibleTo(caller, params);
        params.put("limit", 3000);
        System.out.println("  EXPLAIN (ANALYZE, BUFFERS), " + caller.username() + ":");
        jdbc.sql("explain (analyze, buffers) " + LectureService.ROW_SELECT + " where " + where + " order by l.starts_at, l.id limit :limit")
                .params(params).query(String.class).list().forEach(line -> System.out.println("    " + line));
    }

    /**
     * {@value #THREADS} organizers, each with a lecture of their own title, save at the same moment: all for the
     * same lecturer (venue = false, each with no venue) or all at the same venue (each with a lecturer of their own).
     */
    private static void race(JdbcClient jdbc, LectureService lectures, UserDetailsService users, int year, boolean venue)
            throws InterruptedException {
        String tag = (venue ? "venue" : "lecturer") + "-" + System.nanoTime();
        long province = jdbc.sql("select id from unit where parent_id is null").query(Long.class).single();
        long topic = jdbc.sql("select min(id) from lecture_topic where title like '基准主题%'").query(Long.class).single();
        List<Long> lecturers = new ArrayList<>();
        for (int i = 0; i < (venue ? THREADS : 1); i++) {
            long p = jdbc.sql("insert into person (name, gender, unit_id) values (:n, 'M', :u) returning id")
                    .param("n", "抢排宣讲员" + tag + "-" + i).param("u", province).query(Long.class).single();
            jdbc.sql("insert into lecturer (person_id, fields) values (:p, 'race')").param("p", p).update();
            lecturers.add(p);
        }
        Long venueId = venue ? jdbc.sql("insert into lecture_venue (name, capacity, unit_id) values (:n, 300, :u) returning id")
                .param("n", "抢排会场" + tag).param("u", province).query(Long.class).single() : null;
        // One minute of the year's last day, the same for everybody.
        Instant at = LocalDate.of(year, 12, 31).atTime(8, 0).atZone(Application.ZONE).toInstant();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger saved = new AtomicInteger();
        Map<String, AtomicInteger> refused = new TreeMap<>();
        Map<String, AtomicInteger> refusedSafe = Collections.synchronizedMap(refused);
        List<Double> ms = Collections.synchronizedList(new ArrayList<>());
        ConcurrentHashMap<String, String> errors = new ConcurrentHashMap<>();
        for (int i = 0; i < THREADS; i++) {
            int n = i;
            pool.submit(() -> {
                signIn(users, n % 2 == 0 ? "organizer" : "admin");
                LectureData d = new LectureData(topic, "抢排 " + tag + " #" + n, province, null,
                        Set.of(lecturers.get(venue ? n : 0)), venueId, null, at, at.plusSeconds(7200), 50, BigDecimal.valueOf(2),
                        Audience.NOBODY, LectureData.OPENS_BEFORE, LectureData.LATE_AFTER, LectureData.CLOSES_AFTER);
                ready.countDown();
                try {
                    go.await();
                    long t = System.nanoTime();
                    try {
                        lectures.create(d);
                        saved.incrementAndGet();
                    } catch (DomainException e) {
                        refusedSafe.computeIfAbsent(e.key(), k -> new AtomicInteger()).incrementAndGet();
                    } finally {
                        ms.add((System.nanoTime() - t) / 1e6);
                    }
                } catch (Exception e) {
                    errors.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), "1", (a, b) -> String.valueOf(Integer.parseInt(a) + 1));
                } finally {
                    SecurityContextHolder.clearContext();
                }
            });
        }
        ready.await();
        long t0 = System.nanoTime();
        go.countDown();
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
        double wall = (System.nanoTime() - t0) / 1e6;
        long stored = venue
                ? jdbc.sql("select count(*) from lecture where venue_id = :v and status <> 'CANCELLED'").param("v", venueId).query(Long.class).single()
                : jdbc.sql("select count(*) from lecture_lecturer where person_id = :p and not cancelled").param("p", lecturers.getFirst()).query(Long.class).single();
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        System.out.printf("  same %-8s: %d saved, refused %s, other errors %s; stored %d; all done in %.0f ms"
                        + " (one save p50 %.0f ms, max %.0f ms) -> %s%n",
                venue ? "venue" : "lecturer", saved.get(), refused, errors.isEmpty() ? "none" : errors, stored, wall,
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2), sorted.isEmpty() ? 0 : sorted.getLast(),
                saved.get() == 1 && stored == 1 && errors.isEmpty()
                && refused.getOrDefault(venue ? "lecture.error.venue-clash" : "lecture.error.lecturer-clash", new AtomicInteger()).get() == THREADS - 1
                        ? "PASS" : "FAIL");
    }

    /**
     * Generates once (set-based SQL) 20,000 lectures of this year over the demo province's units: 500 lecturers and
     * 1,000 venues, each lecturer's 40 lectures on days of their own (so neither exclusion constraint is touched).
     * Past lectures are held, 10 % of the rest planned, 3 % cancelled. Returns the year.
     */
    private static int generate(JdbcClient jdbc) {
        int year = LocalDate.now(Application.ZONE).getYear();
        long existing = jdbc.sql("select count(*) from lecture where title like '基准宣讲%'").query(Long.class).single();
        if (existing == LECTURES) {
            return jdbc.sql("select extract(year from min(starts_at) at time zone 'Asia/Shanghai')::int from lecture where title like '基准宣讲%'")
                    .query(Integer.class).single();
        }
        if (existing != 0) {
            throw new IllegalStateException("a half-generated data set: delete bench/lectures/data and run again");
        }
        jdbc.sql("""
                insert into lecture_topic (title, summary, unit_id, current_from, current_to, menu_open)
                select '基准主题' || g, '摘要', (select id from unit where parent_id is null), make_date(:y, 1, 1), make_date(:y, 12, 31), true
                from generate_series(1, 20) g""").param("y", year).update();
        jdbc.sql("""
                with u as (select array_agg(id order by path) a from unit)
                insert into person (name, gender, unit_id)
                select '基准宣讲员' || g, 'M', u.a[1 + g % array_length(u.a, 1)] from u, generate_series(0, :n - 1) g""")
                .param("n", LECTURERS).update();
        jdbc.sql("insert into lecturer (person_id, fields) select id, 'bench' from person where name like '基准宣讲员%'").update();
        jdbc.sql("""
                with u as (select array_agg(id order by path) a from unit)
                insert into lecture_venue (name, capacity, unit_id)
                select '基准会场' || g, 100 + g % 400, u.a[1 + g % array_length(u.a, 1)] from u, generate_series(0, :n - 1) g""")
                .param("n", VENUES).update();
        // Lecture i: lecturer i % 500 (its k-th lecture, k = i / 500, on day k * 9 + lecturer % 9: never the same day
        // twice), venue i % 1000 (always with the same lecturer, so never twice on a day either), unit i % units.
        jdbc.sql("""
                with u as (select array_agg(id order by path) a from unit),
                     lt as (select array_agg(person_id order by person_id) a from lecturer where fields = 'bench'),
                     v as (select array_agg(id order by id) a from lecture_venue where name like '基准会场%'),
                     t as (select array_agg(id order by id) a from lecture_topic where title like '基准主题%'),
                     g as (select i, i % :lecturers as lect, i / :lecturers as k from generate_series(0, :n - 1) i),
                     s as (select g.*, (make_date(:y, 1, 1) + (g.k * 9 + g.lect % 9))::timestamp
                                        + make_interval(hours => 8 + (g.lect % 5) * 2) as local_start from g)
                insert into lecture (topic_id, title, unit_id, venue_id, starts_at, ends_at, expected_count, status,
                                     cancel_reason, created_by, published_at, held_at)
                select t.a[1 + s.i % 20], '基准宣讲' || s.i, u.a[1 + s.i % array_length(u.a, 1)], v.a[1 + s.i % :venues],
                       s.local_start at time zone 'Asia/Shanghai', (s.local_start + interval '2 hours') at time zone 'Asia/Shanghai',
                       50 + s.i % 200,
                       case when s.local_start at time zone 'Asia/Shanghai' < now() then 'HELD'
                            when s.i % 33 = 0 then 'CANCELLED' when s.i % 10 = 0 then 'PLANNED' else 'PUBLISHED' end,
                       case when s.local_start at time zone 'Asia/Shanghai' >= now() and s.i % 33 = 0 then '基准取消' end,
                       'bench', now(), case when s.local_start at time zone 'Asia/Shanghai' < now() then s.local_start at time zone 'Asia/Shanghai' end
                from s, u, v, t""")
                .param("y", year).param("n", LECTURES).param("lecturers", LECTURERS).param("venues", VENUES).update();
        jdbc.sql("""
                with lt as (select array_agg(person_id order by person_id) a from lecturer where fields = 'bench')
                insert into lecture_lecturer (lecture_id, person_id, during)
                select l.id, lt.a[1 + (substring(l.title from 5)::int) % :lecturers], l.during
                from lecture l, lt where l.title like '基准宣讲%'""").param("lecturers", LECTURERS).update();
        jdbc.sql("analyze").update();
        return year;
    }
}
