package dev.tessera.oauth.clientauth.assertion;

import dev.tessera.support.Backend;
import dev.tessera.support.ClientKeys;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.TestServer;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Two nodes on one PostgreSQL: a client assertion is good for one request in the whole deployment. */
class AssertionReplayAcrossNodesTest {
    private static final String MASTER_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void anAssertionUsedOnOneNodeIsRefusedOnTheOtherAndConcurrentUsesLetExactlyOneThrough() throws Exception {
        assumeTrue(Backend.postgresReachable(), "PostgreSQL not reachable: two-node test skipped");
        String url = Backend.newPostgresSchema();
        int portA;
        try (var socket = new ServerSocket(0)) {
            portA = socket.getLocalPort();
        }
        Map<String, String> env = Map.of("TESSERA_DATABASE_URL", url, "TESSERA_MASTER_KEY", MASTER_KEY,
                "TESSERA_PUBLIC_URL", "http://localhost:" + portA, "TESSERA_AUTH_FAILURES_PER_SOURCE", "1000");
        Map<String, String> envA = new HashMap<>(env);
        envA.put("TESSERA_HTTP_PORT", Integer.toString(portA));
        int attempts = 6;
        try (TestServer a = TestServer.start(Backend.SQLITE, envA); TestServer b = TestServer.start(Backend.SQLITE, env);
             ExecutorService pool = Executors.newFixedThreadPool(attempts)) {
            ClientKeys keys = ClientKeys.rsa("two-nodes");
            OAuthFixture fx = new OAuthFixture(a, "aud", "read")
                    .client(List.of("read"), Map.of("token_endpoint_auth_method", "private_key_jwt", "jwks", keys.publicJwks()));
            // both nodes serve the same issuer (the shared public URL): assertions name it as their audience
            String pathOfIssuer = fx.issuer.substring(fx.issuer.indexOf("/", 8));
            List<String> tokenUrls = List.of(a.baseUrl() + pathOfIssuer + "/oauth/token", b.baseUrl() + pathOfIssuer + "/oauth/token");

            String assertion = keys.sign(ClientKeys.claims(fx.clientId, fx.issuer).build());
            Http.Response onA = post(a.http, tokenUrls.get(0), assertion);
            assertThat(onA.status()).as(onA.toString()).isEqualTo(200);
            Http.Response onB = post(b.http, tokenUrls.get(1), assertion);
            assertThat(onB.status()).as(onB.toString()).isEqualTo(401);
            assertThat(onB.text("error_description")).startsWith("client_assertion has been used before");

            String contested = keys.sign(ClientKeys.claims(fx.clientId, fx.issuer).build());
            CyclicBarrier start = new CyclicBarrier(attempts);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                TestServer node = i % 2 == 0 ? a : b;
                String tokenUrl = tokenUrls.get(i % 2);
                statuses.add(pool.submit(() -> {
                    start.await();
                    return post(node.http, tokenUrl, contested).status();
                }));
            }
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> s : statuses) {
                answers.add(s.get());
            }
            assertThat(answers).containsOnly(200, 401);
            assertThat(answers.stream().filter(s -> s == 200).count()).isEqualTo(1);
        } finally {
            Backend.dropPostgresSchema(url);
        }
    }

    private static Http.Response post(Http http, String tokenUrl, String assertion) {
        return http.send(http.request(tokenUrl).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(ClientAssertionEndToEndTest.assertionForm(null,
                        assertion, "grant_type", "client_credentials"))));
    }
}
