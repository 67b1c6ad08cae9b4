package dev.tessera.oauth.clientauth;

import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.FromAddress;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.tessera.support.OAuthFixture.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Online guessing of client secrets over HTTP: failures are throttled per source address and
 * per client id, without locking out a source that authenticates correctly. Each test runs its
 * own server with small limits, so the shared test servers are never throttled. Every refusal costs
 * the full PBKDF2 work, so the limits are small; the counts live in memory, so only the main
 * scenario runs on both backends.
 */
class OnlineGuessingTest {
    private static final Map<String, String> LIMITS = Map.of(
            "TESSERA_AUTH_FAILURES_PER_SOURCE", "3",
            "TESSERA_AUTH_FAILURES_PER_CLIENT", "6",
            "TESSERA_AUTH_FAILURE_WINDOW_SECONDS", "60");

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private OAuthFixture start(Backend backend) {
        server = TestServer.start(backend, LIMITS);
        return new OAuthFixture(server, "api://guessing").client(List.of(), Map.of());
    }

    private static Http.Response token(FromAddress from, OAuthFixture fx, String secret) {
        return from.postForm(fx.issuer + "/oauth/token", null,
                form("grant_type", "client_credentials", "client_id", fx.clientId, "client_secret", secret));
    }

    @BothBackends
    void aSourceThatKeepsFailingGets429WhileAnotherSourceStillGetsTokens(Backend backend) {
        OAuthFixture fx = start(backend);
        FromAddress attacker = new FromAddress("127.0.0.2");
        FromAddress legitimate = new FromAddress("127.0.0.3");
        for (int i = 0; i < 3; i++) {
            assertThat(token(attacker, fx, "guess-" + i).status()).isEqualTo(401);
        }
        var throttled = token(attacker, fx, "guess-3");
        assertThat(throttled.status()).as(throttled.toString()).isEqualTo(429);
        assertThat(throttled.body()).isEqualTo("{\"error\":\"slow_down\",\"error_description\":"
                + "\"too many failed client authentications from this address; retry later\"}");
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 60);
        assertThat(throttled.header("Cache-Control")).isEqualTo("no-store");
        assertThat(token(attacker, fx, fx.clientSecret).status()).as("not even the right secret is tried").isEqualTo(429);

        var fromElsewhere = token(legitimate, fx, fx.clientSecret);
        assertThat(fromElsewhere.status()).as(fromElsewhere.toString()).isEqualTo(200);
    }

    @Test
    void aClientIdGuessedFromManySourcesStillAcceptsASourceThatAuthenticatedBefore() {
        OAuthFixture fx = start(Backend.SQLITE);
        FromAddress legitimate = new FromAddress("127.0.0.3");
        assertThat(token(legitimate, fx, fx.clientSecret).status()).isEqualTo(200);

        // three sources, two failures each: none reaches the per-source limit (3), together they reach the client's (6)
        for (int s = 10; s < 13; s++) {
            FromAddress attacker = new FromAddress("127.0.0." + s);
            assertThat(token(attacker, fx, "guess-a").status()).isEqualTo(401);
            assertThat(token(attacker, fx, "guess-b").status()).isEqualTo(401);
        }
        var newSource = token(new FromAddress("127.0.0.20"), fx, fx.clientSecret);
        assertThat(newSource.status()).as("a source never seen authenticating this client is not tried").isEqualTo(429);
        assertThat(newSource.body()).isEqualTo("{\"error\":\"slow_down\",\"error_description\":"
                + "\"too many failed authentications for this client; retry later\"}");
        assertThat(newSource.header("Retry-After")).isNotNull();

        var known = token(legitimate, fx, fx.clientSecret);
        assertThat(known.status()).as(known.toString()).isEqualTo(200);
    }

    @Test
    void unknownClientIdsAreThrottledLikeKnownOnes() {
        OAuthFixture fx = start(Backend.SQLITE);
        FromAddress attacker = new FromAddress("127.0.0.4");
        for (int i = 0; i < 3; i++) {
            var r = attacker.postForm(fx.issuer + "/oauth/token", null,
                    form("grant_type", "client_credentials", "client_id", "no-such-client-" + i, "client_secret", "x"));
            assertThat(r.status()).isEqualTo(401);
        }
        assertThat(token(attacker, fx, "guess").status()).isEqualTo(429);
    }

    @Test
    void failuresAreCountedByAuthServerAndReasonWithoutTheSecret() {
        OAuthFixture fx = start(Backend.SQLITE);
        FromAddress attacker = new FromAddress("127.0.0.5");
        token(attacker, fx, "wrong-secret-value");
        token(attacker, fx, "wrong-secret-value");
        attacker.postForm(fx.issuer + "/oauth/token", null,
                form("grant_type", "client_credentials", "client_id", "nobody", "client_secret", "x"));
        String metrics = fx.http.send(fx.http.request("/metrics").GET()).body();
        assertThat(metrics).contains("tessera_client_auth_failures_total{auth_server=\"" + fx.serverId
                + "\",reason=\"wrong_secret\"} 2.0");
        assertThat(metrics).contains("tessera_client_auth_failures_total{auth_server=\"" + fx.serverId
                + "\",reason=\"unknown_client\"} 1.0");
        assertThat(metrics).doesNotContain("wrong-secret-value").doesNotContain("nobody");
    }
}
