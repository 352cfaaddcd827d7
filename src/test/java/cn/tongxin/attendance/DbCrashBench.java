package cn.tongxin.attendance;

import cn.tongxin.attendance.SignInBench.Phase;
import cn.tongxin.attendance.SignInBench.Phone;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Are sign-ins that phones were told succeeded still there after PostgreSQL crashes, and what do people get
 * meanwhile? (Not a test; run by {@code bench/dbcrash/run.sh}, see bench/dbcrash/README.md.) The portal as the
 * sign-in bench runs it, on its embedded PostgreSQL keeping data in a folder:
 * <ol>
 * <li>a burst of phones signs in to one session; once {@code bench.crashAfter} were told 签到成功, every process of
 * PostgreSQL is killed (-9) at once;</li>
 * <li>while it is down, {@code bench.outagePhones} more phones scan (what do they get, and how fast?);</li>
 * <li>PostgreSQL is started again with its own command line (it recovers from its WAL) and the portal must find it
 * by itself; acknowledged (told 签到成功) against stored (rows in sign_in);</li>
 * <li>every phone not signed in tries again: all must get in, once.</li>
 * </ol>
 * With {@code bench.oldSettings=true} the database runs with synchronous_commit off, as the embedded server did
 * before (fsync cannot be changed per database, and a kill -9 would not show it: the kernel keeps what was written).
 */
public final class DbCrashBench {

    private DbCrashBench() {
    }

    public static void main(String[] args) throws Exception {
        String dir = args.length > 0 ? args[0] : "bench/dbcrash/data";
        int count = Integer.getInteger("bench.phones", 300);
        int duringOutage = Integer.getInteger("bench.outagePhones", 50);
        int rate = Integer.getInteger("bench.rate", 100);
        int crashAfter = Integer.getInteger("bench.crashAfter", 120);
        int outageSeconds = Integer.getInteger("bench.outageSeconds", 5);
        boolean oldSettings = Boolean.getBoolean("bench.oldSettings");
        Path pg = Path.of(dir, "pg").toAbsolutePath();
        boolean passed;
        ConfigurableApplicationContext ctx = SignInBench.startPortal(dir,
                Boolean.parseBoolean(System.getProperty("bench.production", "true")));
        try {
            int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            SignInService signIn = ctx.getBean(SignInService.class);
            SignInBench.generatePeople(jdbc, ctx.getBean(PasswordEncoder.class));
            String database = jdbc.sql("select current_database()").query(String.class).single();
            jdbc.sql("alter database " + database + (oldSettings ? " set synchronous_commit = off" : " reset synchronous_commit")).update();
            ctx.getBean(DataSource.class).unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
            System.out.printf("PostgreSQL %s: fsync=%s, synchronous_commit=%s%s%n",
                    jdbc.sql("show server_version").query(String.class).single(),
                    jdbc.sql("show fsync").query(String.class).single(),
                    jdbc.sql("show synchronous_commit").query(String.class).single(),
                    oldSettings ? " (the old setting, for this run)" : " (as the portal runs it)");

            List<Phone> phones = new ArrayList<>();
            for (int i = 1; i <= count + duringOutage; i++) {
                phones.add(new Phone(i, port));
            }
            SignInBench.logIn(phones);
            List<Phone> first = phones.subList(0, count);
            List<Phone> late = phones.subList(count, phones.size());

            // 1. The burst, and the crash in it.
            Phase burst = new Phase(count + " phones at " + rate + "/s", SignInBench.arrivals(count, 1e9 / rate, 0), 200);
            burst.session = SignInBench.newSession(jdbc, ctx.getBean(Clock.class).instant());
            Crash crash = new Crash(pg, burst, crashAfter);
            // A platform thread of its own, so that it kills as soon as the count is reached, however busy the phones are.
            Thread crasher = Thread.ofPlatform().priority(Thread.MAX_PRIORITY).start(crash);
            System.out.printf("%n== burst: %s, session %d; PostgreSQL is killed once %d were told 签到成功 ==%n",
                    burst.name, burst.session, crashAfter);
            SignInBench.drive(burst, first, signIn);
            crasher.join();
            System.out.printf("burst over in %.1f s; the phones not signed in got: %s%n", burst.wall(), burst.errors);

            // 2. While PostgreSQL is down.
            Phase outage = new Phase(duringOutage + " more phones at " + rate + "/s while PostgreSQL is down",
                    SignInBench.arrivals(duringOutage, 1e9 / rate, 0), 200);
            outage.session = burst.session;
            outage.token = burst.token; // the door screen keeps showing its last code
            SignInBench.drive(outage, late, signIn);
            SignInBench.Stats waits = new SignInBench.Stats();
            outage.failures.forEach(f -> waits.add(f[1] - f[0]));
            System.out.printf("%n== %s ==%nanswers: %s%nfrom the scan to the answer: %s%n", outage.name, outage.errors, waits.line());
            long sayTryAgain = outage.errors.entrySet().stream().filter(e -> e.getKey().contains("暂时无法连接数据库"))
                    .mapToLong(Map.Entry::getValue).sum();
            boolean failedFast = outage.acknowledged.isEmpty() && sayTryAgain == duringOutage && waits.pct(95) <= 5000;

            // 3. PostgreSQL back (after at least the outage asked for): the portal must find it by itself.
            long wait = crash.killedAt + outageSeconds * 1_000_000_000L - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000);
            }
            crash.restart();
            long restarted = System.nanoTime();
            awaitDatabase(jdbc);
            System.out.printf("%nPostgreSQL started again %.1f s after the kill (crash recovery from its WAL); "
                            + "the portal reached it %.1f s later%n", (restarted - crash.killedAt) / 1e9, (System.nanoTime() - restarted) / 1e9);
            Map<String, Long> personIds = jdbc.sql("select username, person_id from account where username like 'bench%'")
                    .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            Set<String> stored = storedUsernames(jdbc, burst.session);
            Set<String> acknowledged = new HashSet<>(burst.acknowledged);
            acknowledged.addAll(outage.acknowledged);
            List<Long> lost = acknowledged.stream().filter(u -> !stored.contains(u)).map(personIds::get).sorted().toList();
            long storedUnacknowledged = stored.stream().filter(u -> !acknowledged.contains(u)).count();

            // 4. Everybody not signed in tries again (they were told to).
            List<Phone> again = phones.stream()
                    .filter(p -> !acknowledged.contains(p.username) && !stored.contains(p.username)).toList();
            Phase retry = new Phase("the " + again.size() + " phones not signed in, again", SignInBench.arrivals(again.size(), 1e9 / rate, 0), 200);
            retry.session = burst.session;
            SignInBench.drive(retry, again, signIn);
            retry.check(jdbc);
            boolean recovered = retry.acknowledged.size() == again.size();
            System.out.printf("after the restart: %d of %d phones not signed in before signed in; errors %s; the session now: %s%n",
                    retry.acknowledged.size(), again.size(), retry.errors, retry.rows);

            System.out.printf("%nacknowledged (told 签到成功) %d, of them %d before the kill; stored (rows in sign_in) %d "
                            + "(%d of them never acknowledged: the answer was lost in the crash)%n",
                    acknowledged.size(), crash.acknowledgedAtKill, stored.size(), storedUnacknowledged);
            System.out.printf("%d lost%s%n", lost.size(), lost.isEmpty() ? "" : " (person ids " + lost + ")");
            int everyone = phones.size();
            passed = crash.killed && lost.isEmpty() && failedFast && recovered && retry.duplicates == 0 && retry.signedRows == everyone;
            System.out.printf("%s: %s%n", passed ? "PASS" : "FAIL", String.join("; ",
                    crash.killed ? "PostgreSQL killed mid-burst (" + crash.processes + " processes)" : "PostgreSQL was NOT killed",
                    lost.size() + " of " + acknowledged.size() + " acknowledged sign-ins lost",
                    String.format("while it was down %d of %d phones were told to try again, p95 %.0f ms%s", sayTryAgain, duringOutage,
                            waits.pct(95), failedFast ? "" : " (NOT within 5 s, or not all told)"),
                    recovered ? "all phones not signed in got in after the restart" : "NOT all phones could sign in after the restart",
                    retry.signedRows + " of " + everyone + " phones signed in, " + retry.duplicates + " duplicates"));
        } finally {
            ctx.close();
        }
        System.exit(passed ? 0 : 1);
    }

    /** Kills PostgreSQL once enough phones were told 签到成功 (in the background of the burst), and starts it again. */
    static final class Crash implements Runnable {
        private final Path pg;
        private final Phase burst;
        private final int after;
        private List<String> command;
        volatile boolean killed;
        volatile int acknowledgedAtKill;
        volatile int processes;
        volatile long killedAt;

        Crash(Path pg, Phase burst, int after) {
            this.pg = pg;
            this.burst = burst;
            this.after = after;
        }

        @Override
        public void run() {
            try {
                command = postmasterCommand();
                long postmaster = Long.parseLong(Files.readAllLines(pg.resolve("postmaster.pid")).getFirst().trim());
                ProcessHandle root = ProcessHandle.of(postmaster).orElseThrow();
                long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (burst.acknowledged.size() < after && System.nanoTime() < giveUp) {
                    Thread.onSpinWait();
                }
                // The postmaster and all its children at once, as a power cut or the OOM killer would.
                List<ProcessHandle> all = Stream.concat(Stream.of(root), root.descendants()).toList();
                all.forEach(ProcessHandle::destroyForcibly);
                killedAt = System.nanoTime();
                acknowledgedAtKill = burst.acknowledged.size();
                for (ProcessHandle p : all) {
                    p.onExit().get(10, TimeUnit.SECONDS);
                }
                killed = true;
                processes = all.size();
                System.out.printf("kill -9: PostgreSQL (postmaster %d and %d children) at %.2f s into the burst, %d phones told 签到成功 by then%n",
                        postmaster, all.size() - 1, (killedAt - burst.start) / 1e9, acknowledgedAtKill);
            } catch (Exception e) {
                System.out.println("the crash did not go as planned: " + e);
            }
        }

        void restart() throws java.io.IOException {
            new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(pg.resolveSibling("postgres-after-crash.log").toFile()).start();
        }

        /** The server's own command line, from postmaster.opts, as zonky runs it (through unshare when root). */
        private List<String> postmasterCommand() throws Exception {
            List<String> command = new ArrayList<>();
            if (LinuxUtils.isUnshareAvailable()) {
                command.addAll(List.of("unshare", "-U"));
            }
            Matcher token = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(Files.readString(pg.resolve("postmaster.opts")));
            while (token.find()) {
                command.add(token.group(1) != null ? token.group(1) : token.group(2));
            }
            return command;
        }
    }

    private static void awaitDatabase(JdbcClient jdbc) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                jdbc.sql("select 1").query(Integer.class).single();
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > giveUp) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static Set<String> storedUsernames(JdbcClient jdbc, long session) {
        return new HashSet<>(jdbc.sql("""
                        select a.username from sign_in s join account a on a.person_id = s.person_id
                        where s.occasion_kind = 'SESSION' and s.occasion_id = :id""")
                .param("id", session).query(String.class).list());
    }
}
