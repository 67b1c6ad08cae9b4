package dev.tessera.store;

/**
 * The database cannot be reached or written at the moment (connection refused or cut, pool
 * timeout, file locked by another process, disk full). Callers answer 503 and ask the client to
 * retry; the node recovers by itself once the database answers again.
 */
public final class DatabaseUnavailableException extends DataAccessException {
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause, false);
    }

    public DatabaseUnavailableException(String message) {
        this(message, null);
    }
}
