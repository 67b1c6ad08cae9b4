package dev.tessera.cluster;

import dev.tessera.support.Backend;
import dev.tessera.support.Http;
import dev.tessera.support.MutableClock;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.SharedDatabaseNodes;
import dev.tessera.support.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static dev.tessera.support.Http.json;
import static dev.tessera.support.OAuthFixture.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Two nodes on one PostgreSQL: a scheduled key activation happens once, and both nodes switch within a second. */
class KeyRotationTwoNodesTest {

    @Test
    void twoNodesPerformEachScheduledStepOnceAndAgreeWithinASecond() throws Exception {
        assumeTrue(Backend.postgresReachable(), "PostgreSQL not reachable: two-node test skipped");
        var deployment = SharedDatabaseNodes.onNewSchema(Map.of("TESSERA_KEY_LEAD_TIME_SECONDS", "600"));
        MutableClock clock = new MutableClock(Instant.now()); // one clock: the nodes' clocks agree
        try (TestServer a = TestServer.start(Backend.SQLITE, deployment.first(), clock);
             TestServer b = TestServer.start(Backend.SQLITE, deployment.second(), clock)) {
            OAuthFixture onA = new OAuthFixture(a, "aud").client(List.of(), Map.of());
            String issuerOnB = b.baseUrl() + onA.issuer.substring(onA.issuer.indexOf("/", 8));
            String first = kidOf(tokenOn(b.http, issuerOnB, onA)); // B holds a snapshot now
            assertThat(kidOf(onA.accessToken(null))).isEqualTo(first);

            // A rotation asked on A is published by B within a second.
            var rotated = a.http.post(onA.admin("/keys/rotate"), json());
            assertThat(rotated.status()).isEqualTo(200);
            String next = rotated.json().path("data").get(0).path("kid").asText();
            assertThat(within(() -> jwks(b.http, issuerOnB).contains(next))).isTrue();

            // The lead time passes; both nodes run the step at the same moment; one performs it.
            clock.advance(Duration.ofSeconds(600));
            CyclicBarrier together = new CyclicBarrier(2);
            try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
                Future<?> stepA = nodes.submit(() -> {
                    together.await();
                    return a.app().runKeySteps();
                });
                Future<?> stepB = nodes.submit(() -> {
                    together.await();
                    return b.app().runKeySteps();
                });
                stepA.get(30, TimeUnit.SECONDS);
                stepB.get(30, TimeUnit.SECONDS);
            }
            assertThat(a.app().keyActivationsPerformed() + b.app().keyActivationsPerformed()).isEqualTo(1);
            assertThat(within(() -> next.equals(kidOf(onA.accessToken(null)))
                    && next.equals(kidOf(tokenOn(b.http, issuerOnB, onA))))).isTrue();
            // The old key stays published on both, for the tokens it signed.
            assertThat(jwks(a.http, onA.issuer)).contains(first, next);
            assertThat(jwks(b.http, issuerOnB)).contains(first, next);
        } finally {
            Backend.dropPostgresSchema(deployment.databaseUrl());
        }
    }

    private static String tokenOn(Http http, String issuer, OAuthFixture fx) {
        var r = http.send(http.request(issuer + "/oauth/token").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form("grant_type", "client_credentials",
                        "client_id", fx.clientId, "client_secret", fx.clientSecret))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.text("access_token");
    }

    private static String jwks(Http http, String issuer) {
        return http.send(http.request(issuer + "/.well-known/jwks").GET()).body();
    }

    private static String kidOf(String token) {
        return OAuthFixture.part(token, 0).path("kid").asText();
    }

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
