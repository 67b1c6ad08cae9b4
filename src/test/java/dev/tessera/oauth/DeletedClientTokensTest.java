package dev.tessera.oauth;

import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;
import dev.tessera.support.SharedDatabaseNodes;
import dev.tessera.support.TestServer;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.tessera.support.Http.json;
import static dev.tessera.support.OAuthFixture.basic;
import static dev.tessera.support.OAuthFixture.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Deleting a client kills its tokens for good: re-creating a client with the same id (the PUT
 * migration path) must not bring them back, nor may a restart or another node.
 */
class DeletedClientTokensTest {
    private static final String ID = "migrated-client";

    @BothBackends
    void tokensOfADeletedClientStayDeadWhenTheSameIdIsCreatedAgain(Backend backend) {
        OAuthFixture fx = new OAuthFixture(Servers.get(backend), "aud");
        Gateway gw = Gateway.of(fx.client(List.of(), Map.of()));
        put(fx, "first-secret");
        String old = fx.accessToken(null);
        assertThat(gw.active(fx.http, fx.issuer, old)).isTrue();

        assertThat(fx.http.delete(fx.admin("/clients/" + ID)).status()).isEqualTo(204);
        put(fx, "second-secret");

        assertThat(gw.active(fx.http, fx.issuer, old)).isFalse();
        assertThat(userinfo(fx.http, fx.issuer, old).status()).isEqualTo(401);
        String fresh = fx.accessToken(null);
        assertThat(gw.active(fx.http, fx.issuer, fresh)).isTrue();
        assertThat(userinfo(fx.http, fx.issuer, fresh).status()).isEqualTo(200);
    }

    @BothBackends
    void revokedAndDeletedTokensStayDeadAcrossARestart(Backend backend) {
        if (backend == Backend.POSTGRESQL) {
            assumeTrue(Backend.postgresReachable(), "PostgreSQL not reachable: skipped");
        }
        TestServer server = TestServer.start(backend);
        try {
            OAuthFixture fx = new OAuthFixture(server, "aud");
            Gateway gw = Gateway.of(fx.client(List.of(), Map.of()));
            put(fx, "first-secret");
            String revoked = fx.accessToken(null);
            String live = fx.accessToken(null);
            String jti = OAuthFixture.part(revoked, 1).path("jti").asText();
            assertThat(fx.http.delete(fx.admin("/clients/" + ID + "/tokens/" + jti)).status()).isEqualTo(204);
            assertThat(fx.http.delete(fx.admin("/clients/" + ID)).status()).isEqualTo(204);
            put(fx, "second-secret");

            server = server.restart();
            assertThat(gw.active(server.http, fx.issuer, revoked)).as("revoked before the delete").isFalse();
            assertThat(gw.active(server.http, fx.issuer, live)).as("live when its client was deleted").isFalse();
            String fresh = fx.accessToken(null);
            assertThat(gw.active(server.http, fx.issuer, fresh)).isTrue();
            assertThat(server.http.get(fx.admin("/clients/" + ID + "/tokens")).json().path("data").size()).isEqualTo(1);

            // A deleted auth server takes its issuer and keys along: its tokens are unknown for good.
            assertThat(server.http.delete(fx.admin("?force=true")).status()).isEqualTo(204);
            server = server.restart();
            var r = server.http.send(server.http.request(fx.issuer + "/introspect")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", basic(gw.id(), gw.secret()))
                    .POST(HttpRequest.BodyPublishers.ofString(form("token", fresh))));
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
        } finally {
            server.close();
        }
    }

    @Test
    void anotherNodeForgetsADeletedClientsTokensBeforeItSeesTheClientAgain() throws Exception {
        assumeTrue(Backend.postgresReachable(), "PostgreSQL not reachable: two-node test skipped");
        var deployment = SharedDatabaseNodes.onNewSchema(Map.of());
        try (TestServer a = TestServer.start(Backend.SQLITE, deployment.first());
             TestServer b = TestServer.start(Backend.SQLITE, deployment.second())) {
            OAuthFixture fx = new OAuthFixture(a, "aud");
            Gateway gw = Gateway.of(fx.client(List.of(), Map.of()));
            put(fx, "first-secret");
            String old = fx.accessToken(null);
            String issuerOnB = b.baseUrl() + fx.issuer.substring(fx.issuer.indexOf("/", 8));
            assertThat(gw.active(b.http, issuerOnB, old)).isTrue(); // B now holds a snapshot with the client

            assertThat(a.http.delete(fx.admin("/clients/" + ID)).status()).isEqualTo(204);
            put(fx, "second-secret");
            // Once B accepts the new secret it has seen the re-creation, which was announced after the delete.
            long deadline = System.nanoTime() + 1_000_000_000L;
            while (tokenOn(b.http, issuerOnB, "second-secret").status() != 200) {
                assertThat(System.nanoTime()).as("B did not see the re-created client within 1 s").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(gw.active(b.http, issuerOnB, old)).isFalse();
        } finally {
            Backend.dropPostgresSchema(deployment.databaseUrl());
        }
    }

    /**
     * A token record being written while its client is deleted (its foreign-key check done, not yet
     * committed) is kept too: the delete waits for it on the client's row lock and then sees it.
     */
    @Test
    void aTokenRecordedWhileItsClientIsBeingDeletedIsKept() throws Exception {
        assumeTrue(Backend.postgresReachable(), "PostgreSQL not reachable: skipped");
        TestServer server = Servers.get(Backend.POSTGRESQL);
        OAuthFixture fx = new OAuthFixture(server, "aud").client(List.of(), Map.of());
        DataSource db = server.app().database().dataSource();
        UUID jti = UUID.randomUUID();
        long now = System.currentTimeMillis() * 1000;
        CompletableFuture<Integer> delete;
        try (Connection writer = db.getConnection()) {
            writer.setAutoCommit(false);
            try (PreparedStatement insert = writer.prepareStatement("INSERT INTO tokens (auth_server_id, id, client_id, "
                    + "scopes, created_at, expires_at) VALUES (?, ?, ?, '[]', ?, ?)")) {
                insert.setString(1, fx.serverId);
                insert.setString(2, jti.toString());
                insert.setString(3, fx.clientId);
                insert.setLong(4, now);
                insert.setLong(5, now + 300_000_000L);
                insert.executeUpdate();
            }
            delete = CompletableFuture.supplyAsync(() -> server.http.delete(fx.admin("/clients/" + fx.clientId)).status());
            awaitBlockedOnClientRow(db);
            writer.commit();
        }
        assertThat(delete.get(10, TimeUnit.SECONDS)).isEqualTo(204);
        assertThat(server.app().database().jdbc().count("SELECT COUNT(*) FROM deleted_client_tokens WHERE auth_server_id = ? "
                + "AND client_id = ? AND id = ?", fx.serverId, fx.clientId, jti.toString())).isEqualTo(1);
    }

    /** Waits (10 s at most) until a session waits for a lock in a statement on the clients table. */
    private static void awaitBlockedOnClientRow(DataSource db) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Connection c = db.getConnection(); PreparedStatement waiting = c.prepareStatement("SELECT COUNT(*) FROM "
                + "pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FROM clients WHERE auth_server_id%'")) {
            while (true) {
                try (ResultSet rs = waiting.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                assertThat(System.nanoTime()).as("the delete never waited for the token record").isLessThan(deadline);
                Thread.sleep(10);
            }
        }
    }

    /** A second client of the auth server that introspects, as a gateway would. */
    private record Gateway(String id, String secret) {
        static Gateway of(OAuthFixture fx) {
            return new Gateway(fx.clientId, fx.clientSecret);
        }

        boolean active(Http http, String issuer, String token) {
            var r = http.send(http.request(issuer + "/introspect").header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", basic(id, secret)).POST(HttpRequest.BodyPublishers.ofString(form("token", token))));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            return r.json().path("active").asBoolean();
        }
    }

    /** Creates (or replaces) the client {@value #ID} with a given secret, as a migration would. */
    private static void put(OAuthFixture fx, String secret) {
        var r = fx.http.put(fx.admin("/clients/" + ID), json("name", "migrated", "grant_types", List.of("client_credentials"),
                "response_types", List.of("token"), "client_secret", secret));
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
        fx.clientId = ID;
        fx.clientSecret = secret;
    }

    private static Http.Response userinfo(Http http, String issuer, String token) {
        return http.send(http.request(issuer + "/userinfo").header("Authorization", "Bearer " + token).GET());
    }

    private static Http.Response tokenOn(Http http, String issuer, String secret) {
        return http.send(http.request(issuer + "/oauth/token").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("grant_type", "client_credentials",
                        "client_id", ID, "client_secret", secret))));
    }
}
