package dev.tessera.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The databases the suites run on. PostgreSQL is the real server at 127.0.0.1:5432 (trust auth,
 * database {@code test}); each run gets a fresh schema that is dropped afterwards.
 */
public enum Backend {
    SQLITE, POSTGRESQL;

    public static final String PG_BASE = System.getProperty("tessera.test.pg",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private static Boolean pgReachable;

    public static synchronized boolean postgresReachable() {
        if (pgReachable == null) {
            try (Connection c = DriverManager.getConnection(PG_BASE + "&connectTimeout=3")) {
                pgReachable = c.isValid(3);
            } catch (SQLException e) {
                pgReachable = false;
                System.err.println("""
                        ************************************************************************
                        PostgreSQL is not reachable at %s (%s):
                        the PostgreSQL runs of the suites are SKIPPED.
                        ************************************************************************"""
                        .formatted(PG_BASE, e.getMessage()));
            }
        }
        return pgReachable;
    }

    /** Creates a fresh schema and returns a JDBC URL that uses it. */
    public static String newPostgresSchema() {
        String schema = "tessera_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG_BASE); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema, e);
        }
        return PG_BASE + "&currentSchema=" + schema;
    }

    public static void dropPostgresSchema(String url) {
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection c = DriverManager.getConnection(PG_BASE); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
        }
    }
}
