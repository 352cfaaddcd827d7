package cn.tongxin.base;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The portal's embedded default: with no {@code spring.datasource.url} it runs its own PostgreSQL.
 * With a data folder set, the data survives restarts and crashes (durable, password-protected, loopback only);
 * with none (the tests), one fast throw-away server serves the whole JVM and every Spring context gets a fresh
 * database of its own.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfig.class);
    private static final String SUPERUSER = "postgres";
    private static final AtomicInteger throwAwayDatabases = new AtomicInteger();
    private static EmbeddedPostgres throwAwayServer;
    private static int throwAwayUsers;

    @Bean(destroyMethod = "close")
    EmbeddedServer embeddedPostgres(@Value("${tongxin.embedded-db.dir:}") String dir) throws IOException, SQLException {
        if (dir.isBlank()) {
            return new EmbeddedServer(sharedThrowAwayServer(), false, null);
        }
        Path dataDir = Path.of(dir).toAbsolutePath();
        String password = DataFolderSecrets.loadOrCreate(dataDir).getProperty(DataFolderSecrets.DATABASE_PASSWORD);
        return new EmbeddedServer(startKeepingData(dataDir, password), true, password);
    }

    /**
     * The pool: {@code spring.datasource.hikari.*} as for an external database (the short connection timeout),
     * with this server's address.
     */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariConfig embeddedPool() {
        HikariConfig config = new HikariConfig();
        config.setMaximumPoolSize(20);
        config.setPoolName("tongxin-embedded");
        return config;
    }

    @Bean
    DataSource dataSource(EmbeddedServer embedded, HikariConfig pool, @Value("${tongxin.embedded-db.dir:}") String dir)
            throws SQLException {
        EmbeddedPostgres postgres = embedded.server();
        String database = dir.isBlank() ? "test_" + throwAwayDatabases.incrementAndGet() : "tongxin";
        createDatabaseIfMissing(postgres, database);
        pool.setJdbcUrl(postgres.getJdbcUrl(SUPERUSER, database));
        pool.setUsername(SUPERUSER);
        pool.setPassword(embedded.password());
        return new HikariDataSource(pool);
    }

    /**
     * The server that keeps the portal's data: durable (every acknowledged commit is on disk: fsync and
     * synchronous commit, which zonky turns off for tests), reachable from this machine only, and every
     * connection needs the password. A data folder of an earlier version (trust) is moved to passwords.
     */
    static EmbeddedPostgres startKeepingData(Path dataDir, String password) throws IOException, SQLException {
        Files.createDirectories(dataDir);
        stopStaleServer(dataDir);
        log.info("Starting embedded PostgreSQL with its data in {}", dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // zonky starts the server with -F (fsync off) and synchronous_commit=off; these come after and win
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("listen_addresses", "localhost")
                .setConnectConfig("password", password);
        Path passwordFile = null;
        // zonky runs initdb when postgresql.conf is missing, passing each "locale" setting as --name=value after
        // its own "-A trust": so a new cluster gets password authentication (and the password) from the start.
        if (!Files.exists(dataDir.resolve("postgresql.conf"))) {
            passwordFile = Files.createTempFile(dataDir.getParent(), ".initdb-", ".pw", DataFolderSecrets.ownerOnlyAttribute());
            Files.writeString(passwordFile, password + "\n");
            builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", passwordFile.toString());
        }
        EmbeddedPostgres server;
        try {
            server = builder.start();
        } catch (IOException e) {
            if (sqlState(e, "28P01")) { // invalid_password
                throw new IllegalStateException("The embedded PostgreSQL in " + dataDir + " refuses the password kept in "
                        + DataFolderSecrets.fileFor(dataDir) + ": restore that file from the backup of this data folder", e);
            }
            throw e;
        } finally {
            if (passwordFile != null) {
                Files.deleteIfExists(passwordFile);
            }
        }
        Path hba = dataDir.resolve("pg_hba.conf");
        if (trustsSomeone(Files.readAllLines(hba))) {
            log.warn("The embedded PostgreSQL in {} let local users in without a password (an earlier version); "
                    + "from now on it asks for the password kept in {}", dataDir, DataFolderSecrets.fileFor(dataDir));
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("set password_encryption = 'scram-sha-256'");
                s.execute("alter role " + SUPERUSER + " password '" + password.replace("'", "''") + "'");
                DataFolderSecrets.writeOwnerOnly(hba, PASSWORDS_ONLY);
                s.execute("select pg_reload_conf()");
            }
        }
        return server;
    }

    /** pg_hba.conf: every connection (socket or loopback, any user) with its password; none from elsewhere. */
    static final String PASSWORDS_ONLY = """
            # Written by the Tongxin portal: every local connection needs its password (SCRAM); nothing else may connect.
            # TYPE  DATABASE        USER            ADDRESS                 METHOD
            local   all             all                                     scram-sha-256
            host    all             all             127.0.0.1/32            scram-sha-256
            host    all             all             ::1/128                 scram-sha-256
            local   replication     all                                     scram-sha-256
            host    replication     all             127.0.0.1/32            scram-sha-256
            host    replication     all             ::1/128                 scram-sha-256
            """;

    private static boolean sqlState(Throwable e, String state) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a pg_hba.conf lets anyone in without a password. */
    static boolean trustsSomeone(List<String> hbaLines) {
        return hbaLines.stream()
                .map(line -> line.replaceAll("#.*", "").trim())
                .filter(line -> !line.isEmpty())
                .anyMatch(line -> Arrays.asList(line.split("\\s+")).contains("trust"));
    }

    /** The tests' server: fast (zonky's defaults, no fsync) and without passwords; nothing in it is kept. */
    private static synchronized EmbeddedPostgres sharedThrowAwayServer() throws IOException {
        if (throwAwayServer == null) {
            throwAwayServer = EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "localhost")
                    .start();
        }
        throwAwayUsers++;
        return throwAwayServer;
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres, String database) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             var check = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            check.setString(1, database);
            if (!check.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("create database " + database + " encoding 'UTF8' template template0");
                }
            }
        }
    }

    /**
     * A JVM killed with -9 leaves its PostgreSQL running and a postmaster.pid behind; stop that
     * server and remove the file, or the new one refuses to start.
     */
    static void stopStaleServer(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        try {
            long pid = Long.parseLong(firstLine);
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(process -> {
                log.warn("Stopping a PostgreSQL (pid {}) left running by an earlier run", pid);
                process.destroy();
                try {
                    process.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    process.destroyForcibly();
                }
            });
        } catch (NumberFormatException e) {
            log.warn("Unreadable {}, removing it", pidFile);
        }
        Files.deleteIfExists(pidFile);
    }

    /**
     * The server, and whether this context owns it. The JVM-wide test server stops when the last
     * context using it closes, after that context's connection pool.
     */
    record EmbeddedServer(EmbeddedPostgres server, boolean owned, String password) {
        void close() throws IOException {
            if (owned) {
                server.close();
                return;
            }
            synchronized (EmbeddedDatabaseConfig.class) {
                if (--throwAwayUsers == 0) {
                    throwAwayServer.close();
                    throwAwayServer = null;
                }
            }
        }
    }
}
