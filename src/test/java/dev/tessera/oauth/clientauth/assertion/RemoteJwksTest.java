package dev.tessera.oauth.clientauth.assertion;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import dev.tessera.config.ClientAssertionSettings;
import dev.tessera.support.ClientKeys;
import dev.tessera.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fetching a client's jwks_uri: cached for its TTL, re-fetched at most once per gap, and strictly limited. */
class RemoteJwksTest {
    /** A generous timeout: a cold HTTP client on a busy machine must not fail the tests that expect an answer. */
    private static final ClientAssertionSettings SETTINGS = settings(Duration.ofSeconds(10));

    private static ClientAssertionSettings settings(Duration timeout) {
        return new ClientAssertionSettings(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofSeconds(30), timeout, 4096, false);
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AtomicReference<String> document = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private String base;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            send(exchange, 200, document.get());
        });
        server.createContext("/big", exchange -> send(exchange, 200, "{\"keys\": [], \"pad\": \"" + "x".repeat(5000) + "\"}"));
        server.createContext("/moved", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().add("Location", base + "/jwks");
            send(exchange, 302, "");
        });
        server.createContext("/slow", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try {
                release.await(); // never answers while the test waits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        document.set(new JWKSet(ClientKeys.rsa("remote-1").privateJwk().toPublicJWK()).toString());
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void aDocumentIsCachedForItsTtlAndForcedRefetchesAreSpacedOut() throws Exception {
        RemoteJwks remote = new RemoteJwks(SETTINGS, clock);
        assertThat(remote.keys(base + "/jwks").getKeyByKeyId("remote-1")).isNotNull();
        assertThat(remote.keys(base + "/jwks").getKeyByKeyId("remote-1")).isNotNull();
        assertThat(fetches.get()).isEqualTo(1);

        // the client rotates its key: an unknown kid may re-fetch, but not within the gap of the last fetch
        document.set(new JWKSet(ClientKeys.rsa("remote-2").privateJwk().toPublicJWK()).toString());
        assertThat(remote.refreshed(base + "/jwks")).isEmpty();
        assertThat(fetches.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(31));
        assertThat(remote.refreshed(base + "/jwks").orElseThrow().getKeyByKeyId("remote-2")).isNotNull();
        assertThat(remote.refreshed(base + "/jwks")).isEmpty();
        assertThat(remote.keys(base + "/jwks").getKeyByKeyId("remote-2")).isNotNull();
        assertThat(fetches.get()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(5));
        remote.keys(base + "/jwks");
        assertThat(fetches.get()).isEqualTo(3);
    }

    @Test
    void privateAndSymmetricKeysInAFetchedDocumentAreNotUsedAsTheyStand() throws Exception {
        document.set(new JWKSet(java.util.List.of(ClientKeys.ec("remote-private").privateJwk(),
                new com.nimbusds.jose.jwk.OctetSequenceKey.Builder(new byte[32]).keyID("hmac").build())).toString(false));
        JWKSet keys = new RemoteJwks(SETTINGS, clock).keys(base + "/jwks");
        assertThat(keys.getKeys()).hasSize(1);
        assertThat(keys.getKeys().getFirst().isPrivate()).isFalse();
        assertThat(keys.getKeys().getFirst().getKeyID()).isEqualTo("remote-private");
    }

    @Test
    void fetchesAreStrictAndAFailureIsRememberedForTheGap() {
        RemoteJwks remote = new RemoteJwks(SETTINGS, clock);
        assertThatThrownBy(() -> remote.keys(base + "/big")).isInstanceOf(RemoteJwks.Unavailable.class)
                .hasMessage("returned more than 4096 bytes");
        assertThatThrownBy(() -> remote.keys(base + "/moved")).isInstanceOf(RemoteJwks.Unavailable.class)
                .hasMessage("answered HTTP 302 (redirects are not followed)");
        assertThatThrownBy(() -> remote.keys(base + "/moved")).isInstanceOf(RemoteJwks.Unavailable.class);
        assertThat(fetches.get()).as("the failure is remembered, not retried at once").isEqualTo(1);
        assertThatThrownBy(() -> remote.keys("http://keys.example.com/jwks")).isInstanceOf(RemoteJwks.Unavailable.class)
                .hasMessage("must use https");
        // a server that sends its headers and then nothing: the timeout covers the whole fetch
        assertThatThrownBy(() -> new RemoteJwks(settings(Duration.ofMillis(800)), clock).keys(base + "/slow"))
                .isInstanceOf(RemoteJwks.Unavailable.class).hasMessage("did not answer within 800 ms");
        // server-side request forgery: private and link-local addresses are refused before any connection
        assertThatThrownBy(() -> remote.keys("https://169.254.169.254/latest/meta-data")).isInstanceOf(RemoteJwks.Unavailable.class)
                .hasMessage("resolves to a link-local address (169.254.169.254), refused unless "
                        + "TESSERA_JWKS_URI_ALLOW_PRIVATE_NETWORKS=true");
        assertThatThrownBy(() -> remote.keys("https://10.1.2.3/jwks")).isInstanceOf(RemoteJwks.Unavailable.class)
                .hasMessageStartingWith("resolves to a private address (10.1.2.3)");
        assertThatThrownBy(() -> remote.keys("https://[fd12::1]/jwks")).isInstanceOf(RemoteJwks.Unavailable.class)
                .hasMessageStartingWith("resolves to a private address (fd12:0:0:0:0:0:0:1)");
        assertThatThrownBy(() -> remote.keys("https://100.64.0.1/jwks")).isInstanceOf(RemoteJwks.Unavailable.class)
                .hasMessageStartingWith("resolves to a shared (carrier-grade NAT) address");
        // allowed by setting, the same kind of address is tried (and here refuses the connection)
        ClientAssertionSettings allowing = new ClientAssertionSettings(Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(10), 4096, true);
        assertThatThrownBy(() -> new RemoteJwks(allowing, clock).keys("https://0.0.0.0:1/jwks"))
                .isInstanceOf(RemoteJwks.Unavailable.class).hasMessage("could not be fetched (ConnectException)");
        assertThatThrownBy(() -> remote.keys("https://0.0.0.0:1/jwks")).isInstanceOf(RemoteJwks.Unavailable.class)
                .hasMessageStartingWith("resolves to the unspecified address");
        assertThatThrownBy(() -> remote.keys(base + "/nothing-here")).isInstanceOf(RemoteJwks.Unavailable.class)
                .hasMessage("answered HTTP 404 (redirects are not followed)");
    }
}
