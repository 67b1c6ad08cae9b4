package dev.tessera.cluster;

import dev.tessera.config.ConfigException;
import dev.tessera.support.Backend;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.SharedDatabaseNodes;
import dev.tessera.support.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static dev.tessera.support.Http.json;
import static dev.tessera.support.OAuthFixture.basic;
import static dev.tessera.support.OAuthFixture.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Two nodes on one PostgreSQL: a change made on one is seen by the other within a second. */
class TwoNodesTest {
    private static final String MASTER_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void revocationsAndConfigurationChangesReachTheOtherNodeWithinASecond() throws Exception {
        assumeTrue(Backend.postgresReachable(), "PostgreSQL not reachable: two-node test skipped");
        // Nodes of one deployment share the public URL, so they agree on every issuer.
        var deployment = SharedDatabaseNodes.onNewSchema(Map.of());
        try (TestServer a = TestServer.start(Backend.SQLITE, deployment.first());
             TestServer b = TestServer.start(Backend.SQLITE, deployment.second())) {
            OAuthFixture onA = new OAuthFixture(a, "aud", "read").client(List.of("read"), Map.of());
            String token = onA.accessToken("read");
            String issuerOnB = b.baseUrl() + onA.issuer.substring(onA.issuer.indexOf("/", 8));
            Http.Response first = introspectOn(b.http, issuerOnB, onA, token);
            assertThat(first.json().path("active").asBoolean()).isTrue(); // B now holds a snapshot

            assertThat(onA.post("/revoke", basic(onA.clientId, onA.clientSecret), form("token", token)).status()).isEqualTo(200);
            assertThat(within(() -> !introspectOn(b.http, issuerOnB, onA, token).json().path("active").asBoolean())).isTrue();

            a.http.patch(onA.admin("/clients/" + onA.clientId), json("allow_scopes", List.of()));
            assertThat(within(() -> tokenOn(b.http, issuerOnB, onA, "read").status() == 400)).isTrue();

            String second = onA.accessToken(null);
            a.http.delete(onA.admin("/clients/" + onA.clientId + "/tokens"));
            assertThat(within(() -> introspectOn(b.http, issuerOnB, onA, second).status() == 401
                    || !introspectOn(b.http, issuerOnB, onA, second).json().path("active").asBoolean())).isTrue();
        } finally {
            Backend.dropPostgresSchema(deployment.databaseUrl());
        }
    }

    @Test
    void aNodeWithAnotherMasterKeyRefusesToStart() {
        assumeTrue(Backend.postgresReachable(), "PostgreSQL not reachable: skipped");
        String url = Backend.newPostgresSchema();
        try (TestServer ignored = TestServer.start(Backend.SQLITE, Map.of("TESSERA_DATABASE_URL", url, "TESSERA_MASTER_KEY", MASTER_KEY))) {
            String other = Base64.getEncoder().encodeToString(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                    17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
            assertThatThrownBy(() -> TestServer.start(Backend.SQLITE, Map.of("TESSERA_DATABASE_URL", url, "TESSERA_MASTER_KEY", other)))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("master key does not match");
        } finally {
            Backend.dropPostgresSchema(url);
        }
    }

    @Test
    void aChangeReachesTheOtherNodeAfterItsListenerConnectionIsTerminated() throws Exception {
        assumeTrue(Backend.postgresReachable(), "PostgreSQL not reachable: two-node test skipped");
        String url = Backend.newPostgresSchema();
        try (TwoNodes nodes = TwoNodes.start(url)) {
            OAuthFixture onA = new OAuthFixture(nodes.a, "aud", "read").client(List.of("read"), Map.of());
            String issuerOnB = nodes.issuerOnB(onA);
            assertThat(tokenOn(nodes.b.http, issuerOnB, onA, "read").status()).isEqualTo(200); // B holds a snapshot

            // The listeners die (and are gone: the call waits) before the change commits, so its
            // notification reaches no listener; the node must catch up when it reconnects.
            try (Connection c = DriverManager.getConnection(url)) {
                c.setAutoCommit(false);
                assertThat(terminateListeners(c, url)).as("listener backends terminated").isEqualTo(2);
                disallowScopes(c, onA);
                c.commit();
            }

            assertThat(within(() -> tokenOn(nodes.b.http, issuerOnB, onA, "read").status() == 400)).isTrue();
            // And the new listener connection hears what follows.
            nodes.a.http.patch(onA.admin("/clients/" + onA.clientId), json("allow_scopes", List.of(onA.scopeIds.get("read"))));
            assertThat(within(() -> tokenOn(nodes.b.http, issuerOnB, onA, "read").status() == 200)).isTrue();
        } finally {
            Backend.dropPostgresSchema(url);
        }
    }

    @Test
    void changesCommittedOutsideTesseraReachTheNodesAndALostNotificationIsMadeUpFor() throws Exception {
        assumeTrue(Backend.postgresReachable(), "PostgreSQL not reachable: two-node test skipped");
        String url = Backend.newPostgresSchema();
        try (TwoNodes nodes = TwoNodes.start(url)) {
            OAuthFixture first = new OAuthFixture(nodes.a, "aud", "read").client(List.of("read"), Map.of());
            String issuerOnB = nodes.issuerOnB(first);
            assertThat(tokenOn(nodes.b.http, issuerOnB, first, "read").status()).isEqualTo(200);

            // Any writer's committed change is announced by the database, in its own transaction.
            try (Connection c = DriverManager.getConnection(url)) {
                disallowScopes(c, first);
            }
            assertThat(within(() -> tokenOn(nodes.b.http, issuerOnB, first, "read").status() == 400)).isTrue();

            // A change whose notification never goes out (triggers off, counter bumped by hand):
            // the other node's version check finds the gap and reloads.
            OAuthFixture second = new OAuthFixture(nodes.a, "aud", "read").client(List.of("read"), Map.of());
            String secondOnB = nodes.issuerOnB(second);
            assertThat(tokenOn(nodes.b.http, secondOnB, second, "read").status()).isEqualTo(200);
            try (Connection c = DriverManager.getConnection(url)) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL session_replication_role = replica"); // no triggers: no notification
                    s.execute("UPDATE change_counter SET version = version + 1 WHERE id = 1");
                }
                disallowScopes(c, second);
                c.commit();
            }
            assertThat(within(() -> tokenOn(nodes.b.http, secondOnB, second, "read").status() == 400)).isTrue();
        } finally {
            Backend.dropPostgresSchema(url);
        }
    }

    @Test
    void eachSchemaHasAChannelOfItsOwn() {
        assertThat(PostgresChangeTriggers.channelFor("tessera_test_aaaa")).isEqualTo("tessera_changes_tessera_test_aaaa");
        assertThat(PostgresChangeTriggers.channelFor("tessera_test_bbbb")).isNotEqualTo(
                PostgresChangeTriggers.channelFor("tessera_test_aaaa"));
        String longName = "x".repeat(63);
        assertThat(PostgresChangeTriggers.channelFor(longName)).hasSizeLessThanOrEqualTo(63)
                .isNotEqualTo(PostgresChangeTriggers.channelFor("y".repeat(63)));
        assertThat(PostgresChangeTriggers.channelFor("Odd-Name")).matches("tessera_changes_[0-9a-f]{32}");
    }

    private static void disallowScopes(Connection c, OAuthFixture fx) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM client_scopes WHERE auth_server_id = ? AND client_id = ?")) {
            ps.setString(1, fx.serverId);
            ps.setString(2, fx.clientId);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private static int terminateListeners(Connection c, String url) throws SQLException {
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) "
                + "FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, "tessera listener " + PostgresChangeTriggers.channelFor(schema));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Two nodes of one deployment on one PostgreSQL schema; they share the public URL, so they agree on issuers. */
    private record TwoNodes(TestServer a, TestServer b) implements AutoCloseable {
        static TwoNodes start(String url) throws IOException {
            int portA;
            try (var socket = new java.net.ServerSocket(0)) {
                portA = socket.getLocalPort();
            }
            Map<String, String> env = Map.of("TESSERA_DATABASE_URL", url, "TESSERA_MASTER_KEY", MASTER_KEY,
                    "TESSERA_PUBLIC_URL", "http://localhost:" + portA);
            Map<String, String> envA = new java.util.HashMap<>(env);
            envA.put("TESSERA_HTTP_PORT", Integer.toString(portA));
            TestServer a = TestServer.start(Backend.SQLITE, envA);
            try {
                return new TwoNodes(a, TestServer.start(Backend.SQLITE, env));
            } catch (RuntimeException e) {
                a.close();
                throw e;
            }
        }

        String issuerOnB(OAuthFixture fx) {
            return b.baseUrl() + fx.issuer.substring(fx.issuer.indexOf("/", 8));
        }

        @Override
        public void close() {
            try (a; b) {
                // both closed
            }
        }
    }

    private static Http.Response introspectOn(Http http, String issuer, OAuthFixture fx, String token) {
        return http.send(http.request(issuer + "/introspect").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basic(fx.clientId, fx.clientSecret))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form("token", token))));
    }

    private static Http.Response tokenOn(Http http, String issuer, OAuthFixture fx, String scope) {
        return http.send(http.request(issuer + "/oauth/token").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form("grant_type", "client_credentials",
                        "client_id", fx.clientId, "client_secret", fx.clientSecret, "scope", scope))));
    }

    /** True when the condition holds within one second (DESIGN §1). */
    private static boolean within(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
