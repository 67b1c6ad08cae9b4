package dev.tessera.store;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/** Sorts SQL errors into "the database is unavailable right now" and "this statement was refused". */
public final class SqlFailures {
    // SQLite primary result codes (https://sqlite.org/rescode.html)
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_CONSTRAINT = 19;

    private SqlFailures() {
    }

    /** Connection lost or refused, pool timeout, database locked, disk full: retrying later may succeed. */
    public static boolean isUnavailable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                // PostgreSQL: 08 connection exception, 53 insufficient resources (disk full, out of
                // memory, too many connections), 57P01-57P03 server shutting down or starting.
                if (state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P"))) {
                    return true;
                }
                if (isSqlite(s)) {
                    int code = s.getErrorCode() & 0xff;
                    if (code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_IOERR || code == SQLITE_FULL
                            || code == SQLITE_CANTOPEN) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The connection itself broke (server restarted, connection cut): a fresh connection may work at once. */
    public static boolean isConnectionLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** A foreign key refused the row: what it points at is gone (a client deleted a moment earlier). */
    public static boolean isForeignKeyViolation(SQLException e) {
        if ("23503".equals(e.getSQLState())) {
            return true;
        }
        return isSqlite(e) && (e.getErrorCode() & 0xff) == SQLITE_CONSTRAINT
                && String.valueOf(e.getMessage()).toUpperCase(Locale.ROOT).contains("FOREIGN KEY");
    }

    /** Any constraint refused the row (it concerns this row only, not the connection). */
    public static boolean isConstraintViolation(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("23")) {
            return true;
        }
        return isSqlite(e) && (e.getErrorCode() & 0xff) == SQLITE_CONSTRAINT;
    }

    private static boolean isSqlite(SQLException e) {
        return e.getClass().getName().startsWith("org.sqlite.");
    }
}
