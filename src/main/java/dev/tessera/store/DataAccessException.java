package dev.tessera.store;

import java.sql.SQLException;

/**
 * A database failure. {@link #isUniqueViolation()} lets callers turn races on unique names into 409s;
 * a failure that says the database cannot be reached or written right now (connection lost, pool
 * timeout, locked, disk full) is a {@link DatabaseUnavailableException}, answered with 503.
 */
public class DataAccessException extends RuntimeException {
    private final boolean uniqueViolation;

    DataAccessException(String message, Throwable cause, boolean uniqueViolation) {
        super(message, cause);
        this.uniqueViolation = uniqueViolation;
    }

    public static DataAccessException from(SQLException e, Dialect dialect) {
        if (SqlFailures.isUnavailable(e)) {
            return new DatabaseUnavailableException("database unavailable: " + e.getMessage(), e);
        }
        boolean unique = switch (dialect) {
            case POSTGRESQL -> "23505".equals(e.getSQLState());
            case SQLITE -> e.getMessage() != null
                    && (e.getMessage().contains("UNIQUE constraint failed")
                    || e.getMessage().contains("PRIMARY KEY constraint failed")
                    || e.getMessage().contains("SQLITE_CONSTRAINT_PRIMARYKEY")
                    || e.getMessage().contains("SQLITE_CONSTRAINT_UNIQUE"));
        };
        return new DataAccessException("database error: " + e.getMessage(), e, unique);
    }

    public boolean isUniqueViolation() {
        return uniqueViolation;
    }
}
