package cn.tongxin.notification;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A PostgreSQL of the sender tests' own, with the application's migrations: their outbox holds only their
 * mails, so the sender under test neither sends nor counts the mails other tests queue in the shared database.
 */
final class OutboxDatabase implements AutoCloseable {

    private final EmbeddedPostgres server;
    final DataSource dataSource;
    final JdbcClient jdbc;
    final TransactionTemplate transaction;

    OutboxDatabase() {
        try {
            server = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Pooled, as in the application: a new PostgreSQL connection per statement would dominate the timings.
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(server.getJdbcUrl("postgres", "postgres"));
        pool.setUsername("postgres");
        pool.setMaximumPoolSize(6);
        dataSource = new HikariDataSource(pool);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    void clear() {
        jdbc.sql("truncate mail_outbox").update();
    }

    @Override
    public void close() throws IOException {
        ((HikariDataSource) dataSource).close();
        server.close();
    }
}
