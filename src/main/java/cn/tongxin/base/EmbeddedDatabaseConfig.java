package cn.tongxin.base;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The portal's embedded default: with no {@code spring.datasource.url} it runs its own PostgreSQL.
 * With a data folder set, the data survives restarts; with none (the tests), one throw-away
 * server serves the whole JVM and every Spring context gets a fresh database of its own.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfig.class);
    private static final AtomicInteger throwAwayDatabases = new AtomicInteger();
    private static EmbeddedPostgres throwAwayServer;
    private static int throwAwayUsers;

    @Bean(destroyMethod = "close")
    EmbeddedServer embeddedPostgres(@Value("${tongxin.embedded-db.dir:}") String dir) throws IOException {
        if (dir.isBlank()) {
            return new EmbeddedServer(sharedThrowAwayServer(), false);
        }
        Path dataDir = Path.of(dir).toAbsolutePath();
        Files.createDirectories(dataDir);
        stopStaleServer(dataDir);
        log.info("Starting embedded PostgreSQL with its data in {}", dataDir);
        return new EmbeddedServer(EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start(), true);
    }

    @Bean
    DataSource dataSource(EmbeddedServer embedded, @Value("${tongxin.embedded-db.dir:}") String dir) throws SQLException {
        EmbeddedPostgres postgres = embedded.server();
        String database = dir.isBlank() ? "test_" + throwAwayDatabases.incrementAndGet() : "tongxin";
        createDatabaseIfMissing(postgres, database);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", database));
        config.setUsername("postgres");
        config.setMaximumPoolSize(20);
        config.setPoolName("tongxin-embedded");
        return new HikariDataSource(config);
    }

    private static synchronized EmbeddedPostgres sharedThrowAwayServer() throws IOException {
        if (throwAwayServer == null) {
            throwAwayServer = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
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
    record EmbeddedServer(EmbeddedPostgres server, boolean owned) {
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
