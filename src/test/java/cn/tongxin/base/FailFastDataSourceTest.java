package cn.tongxin.base;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.ResourcePropertySource;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pool with the application's settings (application.properties) while PostgreSQL is down, and when it is back. */
class FailFastDataSourceTest {

    @Test
    void while_the_database_is_down_one_request_waits_for_it_the_others_are_answered_at_once_and_all_connect_when_it_is_back()
            throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        HikariConfig config = new HikariConfig();
        StandardEnvironment application = new StandardEnvironment();
        application.getPropertySources().addFirst(new ResourcePropertySource("classpath:application.properties"));
        Binder.get(application).bind("spring.datasource.hikari", Bindable.ofInstance(config));
        config.setJdbcUrl("jdbc:postgresql://localhost:" + port + "/postgres");
        config.setUsername("postgres");
        config.setInitializationFailTimeout(-1);
        try (FailFastDataSource pool = new FailFastDataSource(new HikariDataSource(config))) {
            Duration first = timeToFail(pool);
            assertThat(first).isBetween(Duration.ofMillis(config.getConnectionTimeout() - 100), Duration.ofSeconds(5));
            assertThat(pool.unreachable()).isTrue();

            CompletableFuture<Duration> waiting = CompletableFuture.supplyAsync(() -> timeToFail(pool));
            Thread.sleep(200);
            assertThat(timeToFail(pool)).isLessThan(Duration.ofMillis(100));
            assertThat(waiting.get()).isGreaterThan(Duration.ofSeconds(1));

            try (EmbeddedPostgres back = EmbeddedPostgres.builder().setPort(port).setRegisterShutdownHook(false).start()) {
                long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                Integer one = null;
                while (one == null && System.nanoTime() < until) {
                    try (Connection c = pool.getConnection(); var rs = c.createStatement().executeQuery("select 1")) {
                        rs.next();
                        one = rs.getInt(1);
                    } catch (SQLException e) {
                        Thread.sleep(100);
                    }
                }
                assertThat(one).isEqualTo(1);
                assertThat(pool.unreachable()).isFalse();
            }
        }
    }

    @Test
    void a_pool_that_is_only_busy_is_not_taken_for_an_unreachable_database() throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(server.getJdbcUrl("postgres", "postgres"));
            config.setMaximumPoolSize(1);
            config.setConnectionTimeout(500);
            try (FailFastDataSource pool = new FailFastDataSource(new HikariDataSource(config));
                 Connection busy = pool.getConnection()) {
                assertThatThrownBy(pool::getConnection).isInstanceOf(SQLTransientConnectionException.class);
                assertThat(pool.unreachable()).isFalse();
                assertThat(busy.isValid(1)).isTrue();
            }
        }
    }

    private static Duration timeToFail(FailFastDataSource pool) {
        long start = System.nanoTime();
        try (Connection ignored = pool.getConnection()) {
            throw new AssertionError("connected to a database that is down");
        } catch (SQLException e) {
            assertThat(DatabaseUnavailable.causes(e)).isTrue();
            return Duration.ofNanos(System.nanoTime() - start);
        }
    }
}
