package cn.tongxin.attendance;

import cn.tongxin.Application;
import cn.tongxin.security.SystemCaller;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sign-in benchmark (not a test; run by {@code bench/signin/run.sh}). See bench/signin/README.md.
 */
public final class SignInBench {

    static final int PEOPLE = 2000;
    static final String PASSWORD = "Bench-2026";

    private SignInBench() {
    }

    public static void main(String[] args) throws Exception {
        String dir = args.length > 0 ? args[0] : "bench/signin/data";
        boolean explore = args.length > 1 && args[1].equals("explore");
        int rate = Integer.getInteger("bench.rate", 0);
        int window = Integer.getInteger("bench.window", 120);
        int saturate = Integer.getInteger("bench.inflight", 64);
        boolean production = Boolean.parseBoolean(System.getProperty("bench.production", "true"));
        ConfigurableApplicationContext ctx = startPortal(dir, production);
        try {
            int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            Clock clock = ctx.getBean(Clock.class);
            SignInService signIn = ctx.getBean(SignInService.class);
            var runtime = ManagementFactory.getRuntimeMXBean();
            System.out.printf("JVM %s, %d cores, max heap %d MB, GC %s, args %s%n", runtime.getVmVersion(),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                    ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList(),
                    runtime.getInputArguments().stream().filter(a -> a.startsWith("-X") || a.startsWith("-D")).toList());
            System.out.printf("Vaadin production mode %s, database %s%n", production,
                    jdbc.sql("select version()").query(String.class).single().replaceAll(" on .*", ""));
            long t0 = System.nanoTime();
            generatePeople(jdbc, ctx.getBean(PasswordEncoder.class));
            System.out.printf("data: %d trainee accounts ready in %.1f s%n", PEOPLE, (System.nanoTime() - t0) / 1e9);
            if (explore) {
                long session = newSession(jdbc, clock.instant());
                OccasionRef ref = new OccasionRef("SESSION", session);
                System.out.println("port " + port);
                while (true) {
                    System.out.println("token " + doorToken(signIn, ref));
                    Thread.sleep(10_000);
                }
            }
            Cpu.dataDir = java.nio.file.Path.of(dir, "pg");
            long heapBefore = usedHeapAfterGc();
            List<Phone> phones = new ArrayList<>();
            int count = Integer.getInteger("bench.phones", PEOPLE);
            for (int i = 1; i <= count; i++) {
                phones.add(new Phone(i, port));
            }

            // Warm-up (untimed for the figures): every phone logs in through the real form, a few at a time (bcrypt).
            long w0 = System.nanoTime();
            Stats logins = logIn(phones);
            double warmup = (System.nanoTime() - w0) / 1e9;
            long heapLoggedIn = usedHeapAfterGc();

            List<String> results = new ArrayList<>();
            // 1. The class at the door: 2,000 people in two minutes, arriving at random (Poisson, 16.7 a second on average).
            Phase door = new Phase("a class at the door: " + count + " arrivals in " + window + " s (Poisson)",
                    arrivals(count, window * 1e9 / count, 2026), 200);
            long heapScanned = runPhase(door, phones, jdbc, clock, signIn);
            results.add(door.summary());
            // 2. Capacity: a fresh session, every phone at once, a fixed number in flight (as fast as the portal answers).
            Phase closed = new Phase("capacity: closed loop, " + saturate + " phones in flight", null, saturate);
            runPhase(closed, phones, jdbc, clock, signIn);
            results.add(closed.summary());
            // 3. Optional: open arrivals at a fixed rate (BENCH_RATE), e.g. the 100/s target, evenly spaced, then at random.
            if (rate > 0) {
                Phase fixed = new Phase("open arrivals at " + rate + "/s", arrivals(count, 1e9 / rate, 0), 200);
                runPhase(fixed, phones, jdbc, clock, signIn);
                results.add(fixed.summary());
                // 4. The same rate as people really arrive: at random (Poisson), so seconds with 120 or more come.
                Phase bursty = new Phase("open arrivals at " + rate + "/s on average (Poisson)", arrivals(count, 1e9 / rate, 2027), 200);
                runPhase(bursty, phones, jdbc, clock, signIn);
                results.add(bursty.summary());
            }

            long heapWithJars = usedHeapAfterGc();
            phones.clear();
            long heapWithoutJars = usedHeapAfterGc();
            long jars = heapWithJars - heapWithoutJars;
            System.out.printf("%nheap (used after System.gc()): before phones %d MB; %d phones logged in (HTTP sessions) %d MB; "
                            + "after the first burst (+ a Vaadin session and UI each) %d MB; the phones' own cookie jars %.1f MB%n",
                    heapBefore >> 20, count, heapLoggedIn >> 20, heapScanned >> 20, jars / 1048576.0);
            System.out.printf("heap per logged-in session %.1f KB; per trainee session with the scan page open %.1f KB%n",
                    (heapLoggedIn - heapBefore - jars) / 1024.0 / count, (heapScanned - heapBefore - jars) / 1024.0 / count);
            System.out.println("\nSUMMARY");
            System.out.printf("warm-up %.1f s (%d logins)%n", warmup, logins.count());
            results.forEach(System.out::println);
            System.out.printf("heap per open trainee session %.1f KB%n", (heapScanned - heapBefore - jars) / 1024.0 / count);
        } finally {
            ctx.close();
        }
    }

    /** The portal as it ships (the embedded PostgreSQL keeping its data in {@code dir}/pg), on a free port. */
    static ConfigurableApplicationContext startPortal(String dir, boolean production) {
        return new SpringApplicationBuilder(Application.class)
                .run("--tongxin.embedded-db.dir=" + dir + "/pg", "--tongxin.demo-data=never", "--server.port=0",
                        "--spring.main.banner-mode=off", "--logging.level.root=warn", "--vaadin.launch-browser=false",
                        "--vaadin.devmode.devTools.enabled=false", "--vaadin.productionMode=" + production);
    }

    /** Every phone logs in through the real form, a few at a time (bcrypt); prints how it went. */
    static Stats logIn(List<Phone> phones) {
        int loginParallelism = Integer.getInteger("bench.loginParallelism", 4);
        Stats logins = new Stats();
        long w0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(loginParallelism)) {
            for (Phone phone : phones) {
                pool.submit(() -> logins.time(phone, "login", phone::logIn));
            }
        }
        double warmup = (System.nanoTime() - w0) / 1e9;
        System.out.printf("%nwarm-up: %d logins (GET /login + POST /login, %d at a time) in %.1f s = %.1f logins/s; "
                        + "login p50 %.0f ms, p95 %.0f ms; errors %s%n", logins.count(), loginParallelism, warmup,
                logins.count() / warmup, logins.pct(50), logins.pct(95), logins.errors);
        phones.forEach(Phone::disconnect);
        return logins;
    }

    /** Runs one burst of all phones against a fresh session; returns the used heap after GC with its UIs open. */
    static long runPhase(Phase phase, List<Phone> phones, JdbcClient jdbc, Clock clock, SignInService signIn)
            throws Exception {
        phase.session = newSession(jdbc, clock.instant());
        System.out.printf("%n== phase: %s (session %d) ==%n", phase.name, phase.session);
        Cpu cpu0 = Cpu.now();
        drive(phase, phones, signIn);
        phase.cpu = Cpu.now().minus(cpu0);
        phase.check(jdbc);
        System.out.println(phase.report());
        phones.forEach(Phone::disconnect);
        return usedHeapAfterGc();
    }

    /**
     * The burst itself: the phones come to the door of {@code phase.session} at the phase's arrival times (or as
     * slots free up) and sign in, while the door screen shows its changing code (from {@code phase.token} if set).
     */
    static void drive(Phase phase, List<Phone> phones, SignInService signIn) throws InterruptedException {
        phase.phones = phones.size();
        OccasionRef ref = new OccasionRef("SESSION", phase.session);
        // The door screen asks for its code once a second (as DoorView polls); phones scan what it shows. While
        // the code cannot be had (the database is away), the screen keeps showing the last one.
        AtomicReference<String> shown = new AtomicReference<>(phase.token != null ? phase.token : doorToken(signIn, ref));
        AtomicBoolean doorOn = new AtomicBoolean(true);
        Thread door = Thread.ofVirtual().start(() -> {
            while (doorOn.get()) {
                LockSupport.parkNanos(1_000_000_000L);
                try {
                    shown.set(doorToken(signIn, ref));
                } catch (RuntimeException e) {
                    // keep the last code
                }
            }
        });
        Semaphore slots = new Semaphore(phase.maxInFlight);
        phase.start = System.nanoTime();
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < phones.size(); i++) {
                long due = phase.arrivals != null ? phase.start + phase.arrivals[i] : phase.start;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                slots.acquire();
                Phone phone = phones.get(i);
                // Open arrivals count from when the person was due at the door (queueing included);
                // the closed loop counts from when the phone got its turn.
                long arrival = phase.arrivals != null ? due : System.nanoTime();
                exec.submit(() -> {
                    try {
                        phase.scan(phone, shown.get(), arrival);
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        phase.end = System.nanoTime();
        doorOn.set(false);
        door.join();
        phase.token = shown.get();
    }

    /**
     * CPU time (ns) of this JVM's threads by kind, from /proc/self/task (Linux): Tomcat's request threads, the
     * phones (virtual-thread carriers and the JDK's socket pollers), JIT compilers, GC, the rest; and PostgreSQL.
     */
    record Cpu(long tomcat, long phones, long jit, long gc, long other, long ended, long postgres, long machineBusy,
               long softirq, long steal) {
        static Cpu now() {
            long[] t = new long[5];
            try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
                tasks.forEach(task -> {
                    try {
                        String name = java.nio.file.Files.readString(task.resolve("comm")).trim();
                        long ns = ticks(task.resolve("stat"), false) * 10_000_000L; // USER_HZ = 100
                        int kind = name.startsWith("http-nio") ? 0
                                : name.startsWith("ForkJoinPool") || name.endsWith("-Poller") ? 1
                                : name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? 2
                                : name.startsWith("GC ") || name.startsWith("G1 ") ? 3 : 4;
                        t[kind] += ns;
                    } catch (Exception e) {
                        // a thread that ended meanwhile
                    }
                });
            } catch (java.io.IOException e) {
                return new Cpu(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            }
            // The process's own figure also holds the threads that have ended (the JIT adds and removes compiler
            // threads, thread pools retire idle ones); what the live threads do not explain is theirs.
            long ended = ticks(java.nio.file.Path.of("/proc/self/stat"), false) * 10_000_000L
                    - (t[0] + t[1] + t[2] + t[3] + t[4]);
            long[] machine = readMachine();
            return new Cpu(t[0], t[1], t[2], t[3], t[4], ended, postgresCpu(), machine[0], machine[1], machine[2]);
        }

        Cpu minus(Cpu o) {
            return new Cpu(tomcat - o.tomcat, phones - o.phones, jit - o.jit, gc - o.gc, other - o.other, ended - o.ended,
                    postgres - o.postgres, machineBusy - o.machineBusy, softirq - o.softirq, steal - o.steal);
        }

        /**
         * From /proc/stat: busy CPU time of the whole machine (user, nice, system, irq, softirq, steal), the kernel's
         * network work (softirq: here mostly the phones' loopback traffic) and steal (time the virtual machine's host
         * gave to others).
         */
        private static long[] readMachine() {
            try {
                String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).getFirst().trim().split("\\s+");
                long busy = 0;
                for (int i : new int[]{1, 2, 3, 6, 7, 8}) {
                    busy += Long.parseLong(f[i]);
                }
                return new long[]{busy * 10_000_000L, Long.parseLong(f[7]) * 10_000_000L, Long.parseLong(f[8]) * 10_000_000L};
            } catch (Exception e) {
                return new long[3];
            }
        }

        /** CPU used by other processes of the machine (other builds, agents) during the phase, in cores. */
        double othersCores(double seconds) {
            return (machineBusy - softirq - steal - tomcat - phones - jit - gc - other - ended - postgres) / 1e9 / seconds;
        }

        String kernelAndHost(double seconds) {
            return String.format("kernel network work (softirq) %.2f cores, stolen by the host %.2f cores",
                    softirq / 1e9 / seconds, steal / 1e9 / seconds);
        }

        double oursCores(double seconds) {
            return (tomcat + phones + jit + gc + other + ended + postgres) / 1e9 / seconds;
        }

        String perSignIn(int n) {
            return String.format("Tomcat request threads %.1f ms, JIT %.1f ms, GC %.1f ms, other JVM threads %.1f ms, "
                            + "JVM threads that ended during the phase %.1f ms, PostgreSQL %.1f ms; the phones (load "
                            + "generator) %.1f ms", tomcat / 1e6 / n, jit / 1e6 / n, gc / 1e6 / n, other / 1e6 / n,
                    ended / 1e6 / n, postgres / 1e6 / n, phones / 1e6 / n);
        }

        static java.nio.file.Path dataDir;

        /** utime + stime (and with {@code children} cutime + cstime) in clock ticks from a /proc stat file; 0 if gone. */
        private static long ticks(java.nio.file.Path stat, boolean children) {
            try {
                String text = java.nio.file.Files.readString(stat);
                String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]) + (children ? Long.parseLong(f[13]) + Long.parseLong(f[14]) : 0);
            } catch (Exception e) {
                return 0;
            }
        }

        /** utime + stime of the embedded PostgreSQL (its postmaster, found by postmaster.pid, and its backends), from /proc. */
        private static long postgresCpu() {
            long postmaster;
            try {
                postmaster = Long.parseLong(java.nio.file.Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().trim());
            } catch (Exception e) {
                return 0;
            }
            var root = ProcessHandle.of(postmaster);
            if (root.isEmpty()) {
                return 0;
            }
            // The postmaster's own figure with its ended children (autovacuum workers, closed backends), which it
            // has waited for; the live backends' own.
            long ticks = ticks(java.nio.file.Path.of("/proc/" + postmaster + "/stat"), true)
                    + root.get().descendants().mapToLong(p -> ticks(java.nio.file.Path.of("/proc/" + p.pid() + "/stat"), false)).sum();
            return ticks * 10_000_000L; // USER_HZ = 100
        }
    }

    /** Arrival offsets (ns): evenly spaced with {@code seed == 0}, else Poisson (exponential gaps) with that seed. */
    static long[] arrivals(int count, double meanGapNanos, long seed) {
        var random = new java.util.Random(seed);
        long[] at = new long[count];
        double t = 0;
        for (int i = 0; i < count; i++) {
            at[i] = (long) t;
            t += seed == 0 ? meanGapNanos : -Math.log(1 - random.nextDouble()) * meanGapNanos;
        }
        return at;
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            LockSupport.parkNanos(300_000_000L);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Timings of one kind of step (ns), thread-safe. */
    static final class Stats {
        private final List<Long> ns = new ArrayList<>();
        final Map<String, Integer> errors = new ConcurrentSkipListMap<>();

        synchronized void add(long nanos) {
            ns.add(nanos);
        }

        synchronized int count() {
            return ns.size();
        }

        void time(Phone phone, String what, Step step) {
            long t = System.nanoTime();
            try {
                step.run();
                add(System.nanoTime() - t);
            } catch (Exception e) {
                errors.merge(what + ": " + reason(e), 1, Integer::sum);
            }
        }

        /** Percentile in ms. */
        synchronized double pct(double p) {
            if (ns.isEmpty()) {
                return Double.NaN;
            }
            List<Long> sorted = new ArrayList<>(ns);
            Collections.sort(sorted);
            int i = (int) Math.ceil(p / 100 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1))) / 1e6;
        }

        String line() {
            return String.format("p50 %6.1f  p95 %6.1f  p99 %6.1f  max %7.1f ms  (n=%d)", pct(50), pct(95), pct(99), pct(100), count());
        }
    }

    interface Step {
        void run() throws Exception;
    }

    static String reason(Throwable e) {
        return e instanceof Failure ? e.getMessage() : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    /** A wrong answer from the portal (not an exception of the client). */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message.length() > 160 ? message.substring(0, 160) : message);
        }
    }

    /** One burst: every phone scans, opens the page and taps; ~5 % tap twice, open a second tab or scan again. */
    static final class Phase {
        final String name;
        final long[] arrivals;
        final int maxInFlight;
        long session;
        /** The door's code: the one it shows at the start (the phase's own if null), and at the end. */
        String token;
        long start;
        long end;
        final Stats total = new Stats();
        final Stats page = new Stats();
        final Stats navigate = new Stats();
        final Stats tap = new Stats();
        final Map<String, Integer> errors = new ConcurrentSkipListMap<>();
        final Map<String, Integer> extras = new ConcurrentSkipListMap<>();
        final List<Long> confirmedAt = Collections.synchronizedList(new ArrayList<>());
        /** The phones told 签到成功 (their usernames); when each failed scan began and was answered (nanoTime). */
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final List<long[]> failures = Collections.synchronizedList(new ArrayList<>());
        String rows;
        long duplicates;
        long signedRows;

        Phase(String name, long[] arrivals, int maxInFlight) {
            this.name = name;
            this.arrivals = arrivals;
            this.maxInFlight = maxInFlight;
        }

        int phones;
        Cpu cpu;

        void scan(Phone phone, String token, long arrival) {
            long started = System.nanoTime();
            String kind = switch (phone.n % 60) {
                case 0 -> "double tap";
                case 20 -> "second tab";
                case 40 -> "scan again";
                default -> "";
            };
            try {
                Tab tab = phone.open(token, this);
                if (kind.equals("second tab")) {
                    // The link opened twice (two tabs of one session), both tapped at once: one record, two answers.
                    Tab other = phone.open(token, this);
                    var answers = new ArrayList<String>();
                    try (var both = Executors.newVirtualThreadPerTaskExecutor()) {
                        var a = both.submit(() -> phone.tap(tab, this));
                        var b = both.submit(() -> phone.tap(other, this));
                        answers.add(a.get());
                        answers.add(b.get());
                    }
                    long done = answers.stream().filter(t -> t.contains("签到成功")).count();
                    long already = answers.stream().filter(t -> t.contains("已于")).count();
                    if (done > 0) {
                        acknowledged.add(phone.username);
                    }
                    if (done != 1 || already != 1) {
                        throw new Failure("second tab answered " + answers);
                    }
                    confirmed(phone, arrival);
                    extras.merge(kind + ": one 签到成功 and one 已于…签到", 1, Integer::sum);
                    return;
                }
                String answer = phone.tap(tab, this);
                if (!answer.contains("签到成功")) {
                    throw new Failure("tap answered: " + answer);
                }
                confirmed(phone, arrival);
                if (kind.equals("double tap")) {
                    // A second tap that gets through (the button is disabled on the first): nothing new may happen.
                    String again = phone.tap(tab, this);
                    extras.merge(kind + (again.contains("签到成功") ? ": SECOND SUCCESS" : ": ignored"), 1, Integer::sum);
                } else if (kind.equals("scan again")) {
                    Tab rescan = phone.open(token, this);
                    String again = phone.tap(rescan, this);
                    extras.merge(kind + (again.contains("已于") ? ": 已于…签到" : ": " + again), 1, Integer::sum);
                }
            } catch (Exception e) {
                if (!acknowledged.contains(phone.username)) {
                    failures.add(new long[]{started, System.nanoTime()});
                }
                errors.merge(reason(e), 1, Integer::sum);
            }
        }

        private void confirmed(Phone phone, long arrival) {
            long now = System.nanoTime();
            total.add(now - arrival);
            confirmedAt.add(now);
            acknowledged.add(phone.username);
        }

        void check(JdbcClient jdbc) {
            var r = jdbc.sql("""
                            select count(*) as n, count(distinct person_id) as people, count(distinct device_id) as devices,
                                   count(*) filter (where status = 'PRESENT') as present,
                                   (select coalesce(sum(f.repeats), 0) from sign_in_refusal f where f.occasion_kind = 'SESSION' and f.occasion_id = :id) as refused
                            from sign_in where occasion_kind = 'SESSION' and occasion_id = :id""")
                    .param("id", session).query((rs, n) -> new long[]{rs.getLong("n"), rs.getLong("people"),
                            rs.getLong("devices"), rs.getLong("present"), rs.getLong("refused")}).single();
            signedRows = r[0];
            duplicates = r[0] - r[1];
            rows = String.format("rows %d (distinct people %d, distinct devices %d, present %d), duplicates %d, refusals %d",
                    r[0], r[1], r[2], r[3], duplicates, r[4]);
        }

        double wall() {
            return (end - start) / 1e9;
        }

        /** Sign-ins per second from the first arrival to the last confirmation. */
        double perSecond() {
            return confirmedAt.size() / wall();
        }

        int[] perSecondSeries() {
            int[] perSecond = new int[Math.max(1, (int) Math.ceil(wall()))];
            for (long t : new ArrayList<>(confirmedAt)) {
                perSecond[(int) Math.min(perSecond.length - 1, (t - start) / 1_000_000_000L)]++;
            }
            return perSecond;
        }

        /** Median of the confirmations per second, leaving out the first and last seconds (ramp-up, tail). */
        double steadyPerSecond() {
            int[] series = perSecondSeries();
            if (series.length < 4) {
                return perSecond();
            }
            int[] middle = Arrays.copyOfRange(series, 1, series.length - 1);
            Arrays.sort(middle);
            return middle[middle.length / 2];
        }

        String report() {
            List<Long> at = new ArrayList<>(confirmedAt);
            int[] perSecond = perSecondSeries();
            StringBuilder b = new StringBuilder();
            b.append(String.format("wall %.2f s; signed in %d of %d phones = %.1f sign-ins/s%n", wall(), at.size(), phones, perSecond()));
            b.append("confirmations per second: ").append(Arrays.toString(perSecond)).append('\n');
            b.append("scan to confirmation (3 requests)  ").append(total.line()).append('\n');
            b.append("  GET /s/<token> (page + ScanView)  ").append(page.line()).append('\n');
            b.append("  POST uidl ui-navigate (ack)       ").append(navigate.line()).append('\n');
            b.append("  POST uidl click (the tap)         ").append(tap.line()).append('\n');
            b.append("errors: ").append(errors.isEmpty() ? "none" : errors).append('\n');
            b.append("repeat taps: ").append(extras).append('\n');
            b.append(rows).append('\n');
            b.append(String.format("median confirmations per second (first and last second left out): %.0f%n", steadyPerSecond()));
            b.append("CPU per sign-in: ").append(cpu.perSignIn(phones)).append('\n');
            b.append(String.format("cores busy during the phase: this benchmark (app, PostgreSQL, phones) %.2f, %s, other processes %.2f (of %d)",
                    cpu.oursCores(wall()), cpu.kernelAndHost(wall()), cpu.othersCores(wall()), Runtime.getRuntime().availableProcessors()));
            return b.toString();
        }

        String summary() {
            return String.format("%s: %.1f sign-ins/s (median second %.0f), wall %.1f s, scan-to-confirmation p50 %.0f / p95 %.0f / p99 %.0f / max %.0f ms, "
                            + "tap p50 %.0f / p95 %.0f / p99 %.0f ms, errors %d, %s", name, perSecond(), steadyPerSecond(), wall(),
                    total.pct(50), total.pct(95), total.pct(99), total.pct(100), tap.pct(50), tap.pct(95), tap.pct(99),
                    errors.values().stream().mapToInt(Integer::intValue).sum(), rows) + "; " + cpu.kernelAndHost(wall()) + String.format(", other processes %.2f cores", cpu.othersCores(wall()));
        }
    }

    /** The phone page as the Flow client holds it: its UI, security key and message counters. */
    static final class Tab {
        int uiId;
        String key;
        int syncId;
        int clientId;
        int button;
    }

    /** A trainee's phone: its own connections and cookies (session, remember-me, device cookie). */
    static final class Phone {
        static final ObjectMapper JSON = new ObjectMapper();
        static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
        static final String INITIAL = "window.Vaadin.TypeScript= ";
        static final String AGENT = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1 (SignInBench)";

        final int n;
        final String username;
        final PhoneHttp http;

        Phone(int n, int port) {
            this.n = n;
            this.username = String.format("bench%04d", n);
            this.http = new PhoneHttp("localhost", port, AGENT);
            // The device cookie a browser keeps from an earlier visit (Clients sets it with JS on the first one).
            http.cookie("tx-device", UUID.randomUUID().toString());
        }

        /** Between phases: the phone's connections close (the next phase opens new ones); its cookies stay. */
        void disconnect() {
            http.disconnect();
        }

        void logIn() throws Exception {
            PhoneHttp.Response page = http.get("/login");
            Matcher csrf = CSRF.matcher(page.body());
            if (page.status() != 200 || !csrf.find()) {
                throw new Failure("GET /login: HTTP " + page.status() + ", no CSRF token");
            }
            String form = "username=" + enc(username) + "&password=" + enc(PASSWORD) + "&_csrf=" + enc(csrf.group(1));
            PhoneHttp.Response r = http.post("/login", "application/x-www-form-urlencoded", form);
            String location = r.header("Location");
            if (r.status() != 302 || location.contains("error")) {
                throw new Failure("POST /login: HTTP " + r.status() + " -> " + location);
            }
        }

        /**
         * What the browser does after the camera opens the link (recorded from Chromium): the page, which carries the
         * UI with ScanView already in it (eager server load), then the Flow client's navigation event, which the
         * server only acknowledges because the view is there. No push connection: ScanView turns push off.
         */
        Tab open(String token, Phase phase) throws Exception {
            long a = System.nanoTime();
            PhoneHttp.Response page = http.get("/s/" + token);
            int from = page.body().indexOf(INITIAL);
            if (page.status() != 200 || from < 0) {
                throw new Failure("GET /s/<token>: HTTP " + page.status() + ", no initial UIDL" + databaseAway(page.body()));
            }
            String script = page.body().substring(from + INITIAL.length(), page.body().indexOf("</script>", from));
            JsonNode initial = JSON.readTree(script.substring(0, script.lastIndexOf(';'))).path("initial");
            JsonNode config = initial.path("appConfig");
            JsonNode uidl = config.path("uidl");
            Tab tab = new Tab();
            tab.uiId = config.path("v-uiId").asInt(-1);
            tab.key = uidl.path("Vaadin-Security-Key").asText(null);
            tab.syncId = uidl.path("syncId").asInt(-1);
            tab.clientId = uidl.path("clientId").asInt(-1);
            if (tab.uiId < 0 || tab.key == null) {
                throw new Failure("GET /s/<token>: no UI id or security key");
            }
            for (JsonNode change : uidl.path("changes")) {
                if ("id".equals(change.path("key").asText()) && "sign-in-button".equals(change.path("value").asText())) {
                    tab.button = change.path("node").asInt();
                }
                if ("pushMode".equals(change.path("key").asText()) && !"DISABLED".equals(change.path("value").asText())) {
                    throw new Failure("the scan page asks for a push connection");
                }
            }
            if (tab.button == 0 && !databaseAway(uidl.toString()).isEmpty()) {
                throw new Failure("GET /s/<token>: HTTP " + page.status() + databaseAway(uidl.toString()));
            }
            if (tab.button == 0) {
                throw new Failure("no sign-in button on the page: " + texts(uidl));
            }
            long b = System.nanoTime();
            phase.page.add(b - a);
            // Flow.js: sendEvent('ui-navigate', {route, query, appShellTitle, historyState, trigger}) on the root node.
            rpc(tab, "{\"type\":\"event\",\"node\":1,\"event\":\"ui-navigate\",\"data\":{\"route\":"
                    + JSON.writeValueAsString("/s/" + token) + ",\"query\":\"\",\"appShellTitle\":\"\",\"historyState\":{\"idx\":0},\"trigger\":\"\"}}");
            phase.navigate.add(System.nanoTime() - b);
            return tab;
        }

        /** The tap: a click event on the button; returns the texts the page shows afterwards. */
        String tap(Tab tab, Phase phase) throws Exception {
            long t = System.nanoTime();
            JsonNode r = rpc(tab, "{\"type\":\"event\",\"node\":" + tab.button + ",\"event\":\"click\",\"data\":{"
                    + "\"event.shiftKey\":false,\"event.metaKey\":false,\"event.detail\":1,\"event.ctrlKey\":false,"
                    + "\"event.clientX\":187,\"event.clientY\":420,\"event.altKey\":false,\"event.button\":0,"
                    + "\"event.screenY\":500,\"event.screenX\":187}}");
            phase.tap.add(System.nanoTime() - t);
            return texts(r);
        }

        private JsonNode rpc(Tab tab, String rpc) throws Exception {
            String body = "{\"csrfToken\":\"" + tab.key + "\",\"rpc\":[" + rpc + "],\"syncId\":" + tab.syncId
                    + ",\"clientId\":" + tab.clientId + "}";
            PhoneHttp.Response r = http.post("/?v-r=uidl&v-uiId=" + tab.uiId, "application/json; charset=UTF-8", body);
            if (r.status() != 200) {
                throw new Failure("POST uidl: HTTP " + r.status() + databaseAway(r.body()));
            }
            String text = r.body().startsWith("for(;;);") ? r.body().substring(8) : r.body();
            JsonNode json = JSON.readTree(text);
            if (json.isArray()) {
                json = json.get(0);
            }
            if (json.has("meta") && json.path("meta").has("appError") || json.path("syncId").asInt(-1) < 0) {
                throw new Failure("POST uidl: error " + json.path("meta"));
            }
            tab.syncId = json.path("syncId").asInt();
            tab.clientId = json.path("clientId").asInt();
            return json;
        }

        static String texts(JsonNode uidl) {
            List<String> texts = new ArrayList<>();
            for (JsonNode change : uidl.path("changes")) {
                if ("text".equals(change.path("key").asText())) {
                    texts.add(change.path("value").asText());
                }
            }
            return String.join(" ", texts);
        }

        /** The portal's answer while the database cannot be reached, if {@code body} is that. */
        static String databaseAway(String body) {
            return body.contains("暂时无法连接数据库") ? ", 暂时无法连接数据库…" : "";
        }

        static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }

    static String doorToken(SignInService signIn, OccasionRef ref) {
        AtomicReference<String> token = new AtomicReference<>();
        SystemCaller.runAsSystem(() -> token.set(signIn.doorCode(ref).token()));
        return token.get();
    }

    /** 2,000 trainees with accounts (one shared password hash) under their own province unit; once. */
    static void generatePeople(JdbcClient jdbc, PasswordEncoder encoder) {
        int accounts = jdbc.sql("select count(*) from account where username like 'bench%'").query(Integer.class).single();
        if (accounts == PEOPLE) {
            return;
        }
        if (accounts != 0) {
            throw new IllegalStateException("a half-generated data set: delete bench/signin/data and run again");
        }
        long unit = jdbc.sql("insert into unit (name, kind) values ('签到基准省委统战部', 'PROVINCE') returning id")
                .query(Long.class).single();
        jdbc.sql("""
                insert into person (name, gender, unit_id, party_id)
                select '学员' || g, case when g % 2 = 0 then 'M' else 'F' end, :unit,
                       (select id from party order by id limit 1 offset g % 8)
                from generate_series(1, :n) g""").param("unit", unit).param("n", PEOPLE).update();
        jdbc.sql("""
                insert into account (username, password_hash, display_name, person_id, unit_id)
                select 'bench' || lpad((row_number() over (order by p.id))::text, 4, '0'), :hash, p.name, p.id, p.unit_id
                from person p where p.unit_id = :unit""")
                .param("hash", encoder.encode(PASSWORD)).param("unit", unit).update();
        jdbc.sql("insert into account_role (account_id, role) select id, 'TRAINEE' from account where username like 'bench%'").update();
        jdbc.sql("analyze").update();
    }

    /** A fresh class of today with one session starting in 15 minutes (window open now), everyone enrolled. */
    static long newSession(JdbcClient jdbc, Instant now) {
        long unit = jdbc.sql("select id from unit where name = '签到基准省委统战部'").query(Long.class).single();
        LocalDate today = LocalDate.ofInstant(now, Application.ZONE);
        long classId = jdbc.sql("""
                        insert into rotation_class (title, unit_id, venue, start_date, end_date, capacity, enrolled, status)
                        values (:title, :unit, '省社会主义学院报告厅', :day, :day, :n, :n, 'IN_PROGRESS') returning id""")
                .param("title", "签到基准班 " + now).param("unit", unit).param("day", today).param("n", PEOPLE)
                .query(Long.class).single();
        long session = jdbc.sql("""
                        insert into rotation_session (class_id, title, kind, starts_at, ends_at, place, hours)
                        values (:c, '第一讲：新时代统一战线理论', 'LECTURE', :starts, :ends, '报告厅', 3) returning id""")
                .param("c", classId).param("starts", Timestamp.from(now.plus(Duration.ofMinutes(15))))
                .param("ends", Timestamp.from(now.plus(Duration.ofMinutes(195)))).query(Long.class).single();
        jdbc.sql("""
                insert into rotation_enrollment (class_id, person_id, status)
                select :c, a.person_id, 'CONFIRMED' from account a where a.username like 'bench%'""")
                .param("c", classId).update();
        return session;
    }
}
