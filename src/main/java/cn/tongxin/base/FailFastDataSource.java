package cn.tongxin.base;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The connection pool, failing at once while the database is known to be unreachable. The pool alone makes every
 * request wait its whole timeout (3 s) for a connection: with 32 request threads that serves about ten requests a
 * second while the database is down, and a burst of 100 sign-ins a second queued up to 20 s (bench/dbcrash). Once
 * the pool has timed out because connecting failed, one request at a time goes on asking it (and waits, while the
 * pool tries to reconnect); the others are told at once. The first connection it gets ends that.
 */
final class FailFastDataSource extends DelegatingDataSource implements AutoCloseable {

    private volatile boolean unreachable;
    private final AtomicBoolean probing = new AtomicBoolean();

    FailFastDataSource(DataSource pool) {
        super(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        boolean probe = false;
        if (unreachable) {
            if (!probing.compareAndSet(false, true)) {
                throw new SQLTransientConnectionException(
                        "The database cannot be reached (failing fast while another request waits for it)", "08001");
            }
            probe = true;
        }
        try {
            Connection connection = obtainTargetDataSource().getConnection();
            unreachable = false;
            return connection;
        } catch (SQLTransientConnectionException e) {
            // with a cause, the pool timed out because connecting failed; without one it was only busy
            if (e.getCause() != null) {
                unreachable = true;
            }
            throw e;
        } finally {
            if (probe) {
                probing.set(false);
            }
        }
    }

    boolean unreachable() {
        return unreachable;
    }

    @Override
    public void close() throws Exception {
        if (obtainTargetDataSource() instanceof AutoCloseable pool) {
            pool.close();
        }
    }

    /** Puts every Hikari pool of the application (the embedded one, or Spring Boot's for an external database) behind one. */
    @Component
    static class Wrapper implements BeanPostProcessor {
        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            return bean instanceof HikariDataSource pool ? new FailFastDataSource(pool) : bean;
        }
    }
}
