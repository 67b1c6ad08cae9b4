package dev.tessera.faults;

import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.TestServer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outage scenario shared by the database fault tests: tokens are refused quickly with 503
 * while the database is away, what needs no database keeps serving, readiness says not ready,
 * the node recovers by itself, and only the tokens answered with 200 have records.
 */
final class Outages {
    static final int BURST = 16;

    @FunctionalInterface
    interface Fault {
        void run() throws Exception;
    }

    private Outages() {
    }

    static void runScenario(TestServer server, Fault breakDatabase, Fault repairDatabase, Fault whileDown) throws Exception {
        OAuthFixture f = new OAuthFixture(server, "http://api.test").client(List.of(), Map.of());
        String before = f.accessToken(null);
        Http http = server.http;

        breakDatabase.run();

        // The first request finds the database gone; it waits no longer than the writer's timeouts.
        long started = System.nanoTime();
        Http.Response first = f.tokenPost(null);
        assertUnavailable(first);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));

        // Then every request fails at once, and introspection, JWKS and discovery serve from memory.
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        try {
            started = System.nanoTime();
            List<Future<Http.Response>> burst = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                burst.add(clients.submit(() -> f.tokenPost(null)));
            }
            assertThat(f.introspect(before).path("active").asBoolean()).isTrue();
            assertThat(http.send(http.request(f.issuer + "/.well-known/jwks").GET()).status()).isEqualTo(200);
            assertThat(http.send(http.request(f.issuer + "/.well-known/openid-configuration").GET()).status()).isEqualTo(200);
            for (Future<Http.Response> r : burst) {
                assertUnavailable(r.get(10, TimeUnit.SECONDS));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("burst of %d token requests", BURST)
                    .isLessThan(Duration.ofSeconds(3));
        } finally {
            clients.shutdownNow();
        }
        Http.Response ready = http.send(http.request("/health/ready").GET());
        assertThat(ready.status()).as(ready.toString()).isEqualTo(503);
        assertThat(http.send(http.request("/metrics").GET()).body()).contains("tessera_database_available 0.0");
        whileDown.run();

        repairDatabase.run();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (http.send(http.request("/health/ready").GET()).status() != 200) {
            assertThat(System.nanoTime()).as("ready again within 20 s").isLessThan(deadline);
            Thread.sleep(50); // polling a condition with a deadline, not waiting for an event
        }
        String after = f.accessToken(null);
        assertThat(http.send(http.request("/metrics").GET()).body()).contains("tessera_database_available 1.0");

        // Records exist for the two tokens answered with 200, and for none of the refused requests.
        var jdbc = server.app().database().jdbc();
        assertThat(jdbc.query("SELECT id FROM tokens WHERE auth_server_id = ? AND client_id = ?", rs -> rs.getString(1),
                f.serverId, f.clientId)).containsExactlyInAnyOrder(jti(before), jti(after));
    }

    static void assertUnavailable(Http.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(503);
        assertThat(r.text("error")).isEqualTo("temporarily_unavailable");
        assertThat(r.header("Retry-After")).isEqualTo("2");
        assertThat(r.header("Content-Type")).startsWith("application/json");
    }

    static void assertProblem503(Http.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(503);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().path("status").asInt()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("2");
    }

    static String jti(String jwt) {
        return OAuthFixture.part(jwt, 1).path("jti").asText();
    }
}
