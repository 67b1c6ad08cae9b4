package dev.tessera.faults;

import dev.tessera.support.Backend;
import dev.tessera.support.Http;
import dev.tessera.support.TcpProxy;
import dev.tessera.support.TestServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The database goes away under a running node: PostgreSQL behind a proxy whose port is closed
 * and connections cut, and SQLite whose write lock another connection holds.
 */
class DatabaseOutageTest {

    @Test
    void postgresCutOffMeans503AtOnceAndTheNodeRecoversByItself() throws Exception {
        assumeTrue(Backend.postgresReachable(), "PostgreSQL not reachable: skipped");
        String url = Backend.newPostgresSchema();
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", 5432)) {
            String proxied = url.replace("127.0.0.1:5432", "127.0.0.1:" + proxy.port());
            assertThat(proxied).isNotEqualTo(url);
            try (TestServer server = TestServer.start(Backend.POSTGRESQL, Map.of("TESSERA_DATABASE_URL", proxied))) {
                Outages.runScenario(server, proxy::cut, proxy::restore, () -> {
                    long started = System.nanoTime();
                    Outages.assertProblem503(server.http.get("/v1/auth-servers"));
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
                });
            }
        } finally {
            Backend.dropPostgresSchema(url);
        }
    }

    /**
     * PostgreSQL stops answering but keeps its connections open: requests still fail within a few
     * seconds, and the records of those refused requests are not written when it answers again.
     */
    @Test
    void postgresThatStopsAnsweringMeans503AndNoLateRecords() throws Exception {
        assumeTrue(Backend.postgresReachable(), "PostgreSQL not reachable: skipped");
        String url = Backend.newPostgresSchema();
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", 5432)) {
            String proxied = url.replace("127.0.0.1:5432", "127.0.0.1:" + proxy.port());
            try (TestServer server = TestServer.start(Backend.POSTGRESQL, Map.of("TESSERA_DATABASE_URL", proxied))) {
                Outages.runScenario(server, proxy::stall, proxy::resume, () -> { });
            }
        } finally {
            Backend.dropPostgresSchema(url);
        }
    }

    @Test
    void sqliteLockedByAnotherConnectionMeans503AtOnceAndTheNodeRecoversByItself() throws Exception {
        try (TestServer server = TestServer.start(Backend.SQLITE)) {
            Connection other = DriverManager.getConnection(server.app().database().jdbcUrl());
            try (other) {
                Statement lock = other.createStatement();
                Outages.runScenario(server, () -> lock.execute("BEGIN EXCLUSIVE"), () -> lock.execute("ROLLBACK"), () -> {
                    // Reads still work in WAL mode; a management write waits out the busy timeout, then 503.
                    Http.Response write = server.http.post("/v1/auth-servers", json("name", "while-locked", "audience", "a"));
                    Outages.assertProblem503(write);
                });
            }
        }
    }
}
