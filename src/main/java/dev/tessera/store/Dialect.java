package dev.tessera.store;

/** The two databases Tessera runs on; the schema is the same, a few error codes differ. */
public enum Dialect {
    SQLITE, POSTGRESQL;

    public static Dialect of(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? POSTGRESQL : SQLITE;
    }
}
