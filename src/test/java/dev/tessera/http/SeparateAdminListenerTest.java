package dev.tessera.http;

import dev.tessera.support.Backend;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;
import dev.tessera.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code TESSERA_ADMIN_PORT} the management API and {@code /metrics} are served only on the
 * admin listener, and the public port serves only the issuers' endpoints and health.
 */
class SeparateAdminListenerTest {
    private static TestServer server;
    private static Http publicPort;
    private static Http adminPort;

    @BeforeAll
    static void start() {
        server = TestServer.start(Backend.SQLITE, Map.of("TESSERA_ADMIN_PORT", "0", "TESSERA_ADMIN_HOST", "127.0.0.1"));
        publicPort = new Http("http://localhost:" + server.app().port(), TestServer.ADMIN_TOKEN);
        adminPort = new Http("http://localhost:" + server.app().adminPort(), TestServer.ADMIN_TOKEN);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theManagementApiAndMetricsAreOnlyOnTheAdminListener() {
        assertThat(server.app().adminPort()).isNotEqualTo(server.app().port());
        assertThat(adminPort.get("/v1/auth-servers").status()).isEqualTo(200);
        assertThat(adminPort.get("/metrics").status()).isEqualTo(200);

        var v1 = publicPort.get("/v1/auth-servers");
        assertThat(v1.status()).isEqualTo(404);
        assertThat(v1.header("Content-Type")).startsWith("application/problem+json");
        var create = publicPort.post("/v1/auth-servers", Http.json("name", "x", "audience", "y"));
        assertThat(create.status()).isEqualTo(404);
        assertThat(create.header("Content-Type")).startsWith("application/problem+json");
        var metrics = publicPort.get("/metrics");
        assertThat(metrics.status()).isEqualTo(404);
        assertThat(metrics.body()).doesNotContain("http_server_requests");
    }

    @Test
    void tokensAreIssuedOnThePublicPortOnly() {
        OAuthFixture fx = new OAuthFixture(server, "https://api.example.com", "read").client(List.of("read"), Map.of());
        assertThat(URI.create(fx.issuer).getPort()).isEqualTo(server.app().port());
        assertThat(fx.accessToken("read")).isNotEmpty();
        assertThat(publicPort.get(URI.create(fx.issuer).getPath() + "/.well-known/openid-configuration").status()).isEqualTo(200);

        var onAdmin = adminPort.send(adminPort.request(URI.create(fx.issuer).getPath() + "/oauth/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(OAuthFixture.form("grant_type", "client_credentials",
                        "client_id", fx.clientId, "client_secret", fx.clientSecret))));
        assertThat(onAdmin.status()).isEqualTo(404);
        assertThat(onAdmin.body()).doesNotContain("access_token");
    }

    @Test
    void healthIsOnBothListeners() {
        assertThat(publicPort.get("/health/ready").status()).isEqualTo(200);
        assertThat(adminPort.get("/health/live").status()).isEqualTo(200);
    }

    @Test
    void byDefaultOnePortServesEverything() {
        TestServer shared = Servers.get(Backend.SQLITE);
        assertThat(shared.app().adminPort()).isEqualTo(shared.app().port());
        Http http = new Http(shared.baseUrl(), TestServer.ADMIN_TOKEN);
        assertThat(http.get("/v1/auth-servers").status()).isEqualTo(200);
        assertThat(http.get("/metrics").status()).isEqualTo(200);
    }
}
