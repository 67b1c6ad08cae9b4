package dev.tessera.cluster;

import dev.tessera.config.ConfigException;
import dev.tessera.support.Backend;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.TestServer;
import org.junit.jupiter.api.Test;

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
        String url = Backend.newPostgresSchema();
        int portA;
        try (var socket = new java.net.ServerSocket(0)) {
            portA = socket.getLocalPort();
        }
        // Nodes of one deployment share the public URL, so they agree on every issuer.
        Map<String, String> env = Map.of("TESSERA_DATABASE_URL", url, "TESSERA_MASTER_KEY", MASTER_KEY,
                "TESSERA_PUBLIC_URL", "http://localhost:" + portA);
        Map<String, String> envA = new java.util.HashMap<>(env);
        envA.put("TESSERA_HTTP_PORT", Integer.toString(portA));
        try (TestServer a = TestServer.start(Backend.SQLITE, envA); TestServer b = TestServer.start(Backend.SQLITE, env)) {
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
            Backend.dropPostgresSchema(url);
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
