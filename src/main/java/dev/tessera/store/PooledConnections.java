package dev.tessera.store;

import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Takes a connection whose state is unknown out of the pool for good. After a failed begin,
 * commit or rollback (database locked, disk full, connection cut) a connection may be left
 * outside any transaction while the driver still thinks it is in one; handed to the next caller
 * it would commit statements one by one, or fail every commit. The pool opens a fresh one.
 */
public final class PooledConnections {
    private PooledConnections() {
    }

    public static void discard(DataSource dataSource, Connection c) {
        if (dataSource instanceof HikariDataSource pool) {
            try {
                pool.evictConnection(c);
            } catch (RuntimeException ignored) {
                // closing below is all that is left to do
            }
        }
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // the connection is gone either way
        }
    }
}
