package dev.tessera.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;
import dev.tessera.support.TestServer;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** GET .../token-activity: real tokens counted per client; bad windows and unknown auth servers refused. */
class TokenActivityApiTest {

    @BothBackends
    void issuedTokensAreCountedPerClientForTheHourAndTheDay(Backend backend) {
        TestServer server = Servers.get(backend);
        OAuthFixture fx = new OAuthFixture(server, "https://api.example.com").client(List.of(), Map.of());
        String first = fx.clientId;
        fx.accessToken(null);
        fx.accessToken(null);
        fx.client(List.of(), Map.of());
        fx.accessToken(null);

        for (String window : List.of("hour", "day")) {
            var r = server.http.get(fx.admin("/token-activity?window=" + window));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode body = r.json();
            assertThat(body.path("window").asText()).isEqualTo(window);
            assertThat(body.path("bucket_seconds").asInt()).isEqualTo(window.equals("hour") ? 300 : 3600);
            assertThat(body.path("buckets")).hasSize(window.equals("hour") ? 12 : 24);
            assertThat(body.path("total").asLong()).isEqualTo(3);
            assertThat(body.path("buckets").get(body.path("buckets").size() - 1).path("count").asLong()).isEqualTo(3);
            Map<String, Long> perClient = new java.util.HashMap<>();
            body.path("clients").forEach(c -> perClient.put(c.path("client_id").asText(), c.path("total").asLong()));
            assertThat(perClient).containsExactlyInAnyOrderEntriesOf(Map.of(first, 2L, fx.clientId, 1L));
        }
        assertThat(server.http.get(fx.admin("/token-activity")).json().path("window").asText()).isEqualTo("hour");
    }

    @BothBackends
    void anUnknownWindowIsA400NamingItAndAnUnknownAuthServerA404(Backend backend) {
        TestServer server = Servers.get(backend);
        OAuthFixture fx = new OAuthFixture(server, "https://api.example.com");
        var bad = server.http.get(fx.admin("/token-activity?window=week"));
        assertThat(bad.status()).isEqualTo(400);
        JsonNode p = bad.json().path("invalid_parameters").get(0);
        assertThat(p.path("field").asText()).isEqualTo("window");
        assertThat(p.path("rule").asText()).isEqualTo("enum");
        assertThat(p.path("source").asText()).isEqualTo("query");
        assertThat(server.http.get(fx.admin("/token-activity?window=hour&window=day")).status()).isEqualTo(400);
        assertThat(server.http.get("/v1/auth-servers/" + UUID.randomUUID() + "/token-activity").status()).isEqualTo(404);
    }
}
