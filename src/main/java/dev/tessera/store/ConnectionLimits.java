package dev.tessera.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Bounds how long one connection may wait on the database, for callers that must answer quickly
 * (the token writer, the availability probe): on SQLite how long it waits for another writer's
 * lock, on PostgreSQL how long it waits for the server to answer. Pooled connections otherwise
 * keep the pool's generous defaults.
 */
public final class ConnectionLimits {
    /** The busy timeout every pooled SQLite connection starts with (see {@link Database}). */
    static final int SQLITE_DEFAULT_BUSY_MILLIS = 5_000;

    private ConnectionLimits() {
    }

    public static void limit(Connection c, Dialect dialect, int millis) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = " + millis);
            }
        } else {
            // pgjdbc ignores the executor; the pool resets the timeout when the connection comes back
            c.setNetworkTimeout(Runnable::run, millis);
        }
    }

    /** Restores the defaults before the connection goes back to the pool. */
    public static void reset(Connection c, Dialect dialect) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = " + SQLITE_DEFAULT_BUSY_MILLIS);
            }
        } else {
            c.setNetworkTimeout(Runnable::run, 0);
        }
    }
}
