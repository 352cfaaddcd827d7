package cn.tongxin.base;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a failure because the database cannot be reached (down, restarting, crashed) from any other, so that the
 * person is asked to try again shortly instead of seeing an error. The pool gives up after a few seconds
 * ({@code spring.datasource.hikari.connection-timeout}) and reconnects by itself when the database is back.
 */
public final class DatabaseUnavailable {

    /** The message for people, in core.properties. */
    public static final String MESSAGE = "error.database-unavailable";

    private DatabaseUnavailable() {
    }

    /** Whether {@code failure}, or anything that caused it, says the database cannot be reached. */
    public static boolean causes(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectException) {
                return true; // the pool timed out waiting for a connection; the server refused one
            }
            // SQLSTATE class 08: connection exception; 57P01-57P03: the server is shutting down, crashed or starting
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
            // The pool closed a connection that broke (the database went away mid-request); the rollback that follows
            // then fails with this, which replaces the original error.
            if (t instanceof SQLException sql && sql.getSQLState() == null && t.getStackTrace().length > 0
                    && t.getStackTrace()[0].getClassName().startsWith("com.zaxxer.hikari.pool.ProxyConnection")) {
                return true;
            }
        }
        return false;
    }
}
