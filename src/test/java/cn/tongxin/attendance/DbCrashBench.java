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
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Are sign-ins that phones were told succeeded still there after PostgreSQL crashes? (Not a test; run by
 * {@code bench/dbcrash/run.sh}, see bench/dbcrash/README.md.) The portal as the sign-in bench runs it, a burst of
 * phones signing in to one session; after {@code bench.crashAfter} phones were told 签到成功 every process of the
 * embedded PostgreSQL is killed (-9), and it is started again {@code bench.outageSeconds} later with the same
 * command line. Then: acknowledged (told 签到成功) against stored (rows in sign_in), and the phones that failed
 * meanwhile try again. With {@code bench.oldSettings=true} the database runs with synchronous_commit off, as the
 * embedded server did before (fsync cannot be changed per database; a kill -9 would not show it anyway).
 */
public final class DbCrashBench {

    private DbCrashBench() {
    }

    public static void main(String[] args) throws Exception {
        String dir = args.length > 0 ? args[0] : "bench/dbcrash/data";
        int count = Integer.getInteger("bench.phones", 300);
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
            for (int i = 1; i <= count; i++) {
                phones.add(new Phone(i, port));
            }
            SignInBench.logIn(phones);

            Phase burst = new Phase(count + " phones at " + rate + "/s", SignInBench.arrivals(count, 1e9 / rate, 0), 200);
            burst.session = SignInBench.newSession(jdbc, ctx.getBean(Clock.class).instant());
            Crash crash = new Crash(pg, burst, crashAfter, outageSeconds);
            Thread crasher = Thread.ofVirtual().start(crash);
            System.out.printf("%n== burst: %s, session %d; PostgreSQL killed after %d acknowledged sign-ins, started again %d s later ==%n",
                    burst.name, burst.session, crashAfter, outageSeconds);
            SignInBench.drive(burst, phones, signIn);
            crasher.join();

            long back = System.nanoTime();
            awaitDatabase(jdbc);
            double reconnect = (System.nanoTime() - back) / 1e9;
            Map<String, Long> personIds = jdbc.sql("select username, person_id from account where username like 'bench%'")
                    .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            Set<String> stored = storedUsernames(jdbc, burst.session);
            Set<String> acknowledged = Set.copyOf(burst.acknowledged);
            List<Long> lost = acknowledged.stream().filter(u -> !stored.contains(u)).map(personIds::get).sorted().toList();
            long storedUnacknowledged = stored.stream().filter(u -> !acknowledged.contains(u)).count();
            System.out.printf("burst over in %.1f s; the portal reached the database again %.1f s after the burst%n",
                    burst.wall(), reconnect);
            System.out.println("answers of the phones not signed in: " + burst.errors);
            System.out.printf("  how long their requests took to fail (from the scan to the answer): %s%n", burst.failed.line());

            // Those who failed during the outage try again (they were told to): the portal must be back.
            List<Phone> again = phones.stream()
                    .filter(p -> !acknowledged.contains(p.username) && !stored.contains(p.username)).toList();
            Phase retry = new Phase("the " + again.size() + " phones that failed, again", SignInBench.arrivals(again.size(), 1e9 / rate, 0), 200);
            retry.session = burst.session;
            SignInBench.drive(retry, again, signIn);
            retry.check(jdbc);
            System.out.printf("after the restart: %d of %d phones that had failed signed in; errors %s; session now: %s%n",
                    retry.acknowledged.size(), again.size(), retry.errors, retry.rows);

            System.out.printf("%nacknowledged (told 签到成功) %d, of them %d before the kill; stored (rows in sign_in) %d "
                            + "(%d of them without an acknowledgement: the answer was lost in the crash)%n",
                    acknowledged.size(), crash.acknowledgedAtKill, stored.size(), storedUnacknowledged);
            System.out.printf("%d lost%s%n", lost.size(), lost.isEmpty() ? "" : " (person ids " + lost + ")");
            boolean recovered = retry.acknowledged.size() == again.size();
            passed = crash.killed && lost.isEmpty() && recovered && retry.duplicates == 0 && retry.signedRows == count;
            System.out.printf("%s: %s%n", passed ? "PASS" : "FAIL", String.join("; ",
                    crash.killed ? "PostgreSQL was killed mid-burst (" + crash.processes + " processes)" : "PostgreSQL was NOT killed",
                    lost.size() + " of " + acknowledged.size() + " acknowledged sign-ins lost",
                    recovered ? "all phones that failed signed in after the restart" : "NOT all phones could sign in after the restart",
                    retry.signedRows + " of " + count + " phones signed in, " + retry.duplicates + " duplicates"));
        } finally {
            ctx.close();
        }
        System.exit(passed ? 0 : 1);
    }

    /** The kill and the restart, in the background of the burst. */
    static final class Crash implements Runnable {
        private final Path pg;
        private final Phase burst;
        private final int after;
        private final int outageSeconds;
        volatile boolean killed;
        volatile int acknowledgedAtKill;
        volatile int processes;

        Crash(Path pg, Phase burst, int after, int outageSeconds) {
            this.pg = pg;
            this.burst = burst;
            this.after = after;
            this.outageSeconds = outageSeconds;
        }

        @Override
        public void run() {
            try {
                long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (burst.acknowledged.size() < after && System.nanoTime() < giveUp) {
                    LockSupport.parkNanos(100_000);
                }
                List<String> command = postmasterCommand();
                long postmaster = Long.parseLong(Files.readAllLines(pg.resolve("postmaster.pid")).getFirst().trim());
                // The postmaster and all its children at once, as a power cut or the OOM killer would.
                ProcessHandle root = ProcessHandle.of(postmaster).orElseThrow();
                List<ProcessHandle> all = Stream.concat(Stream.of(root), root.descendants()).toList();
                all.forEach(ProcessHandle::destroyForcibly);
                acknowledgedAtKill = burst.acknowledged.size();
                for (ProcessHandle p : all) {
                    p.onExit().get(10, TimeUnit.SECONDS);
                }
                killed = true;
                processes = all.size();
                System.out.printf("kill -9: PostgreSQL (postmaster %d and %d children) at %.2f s into the burst, %d phones told 签到成功 by then%n",
                        postmaster, all.size() - 1, (System.nanoTime() - burst.start) / 1e9, acknowledgedAtKill);
                Thread.sleep(outageSeconds * 1000L);
                new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(pg.resolveSibling("postgres-after-crash.log").toFile()).start();
                System.out.printf("PostgreSQL started again at %.2f s (crash recovery from its WAL)%n", (System.nanoTime() - burst.start) / 1e9);
            } catch (Exception e) {
                System.out.println("the crash did not go as planned: " + e);
            }
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
