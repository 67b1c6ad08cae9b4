package dev.tessera.http;

import dev.tessera.support.Backend;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Responses that said more than they should: huge violation lists, cacheable CORS answers without {@code Vary}. */
class ResponseLeaksTest {

    @Test
    void aBodyWithThousandsOfUnknownKeysGetsAShortError() {
        Http http = Servers.get(Backend.SQLITE).http;
        StringBuilder body = new StringBuilder("{");
        for (int i = 0; i < 15_000; i++) {
            body.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        var r = http.post("/v1/auth-servers", body.append('}').toString());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("invalid_parameters").size()).isEqualTo(Responses.MAX_LISTED_PARAMETERS);
        // 15,000 unknown keys and the two required fields that are missing.
        assertThat(r.json().path("detail").asText())
                .isEqualTo("Invalid request: 15002 invalid parameters (the first 20 are listed, 14982 more are not)");
        assertThat(r.body().length()).isLessThan(8 * 1024);
    }

    @Test
    void aFewViolationsAreAllListed() {
        Http http = Servers.get(Backend.SQLITE).http;
        var r = http.post("/v1/auth-servers", "{\"a\":1,\"b\":2}");
        assertThat(r.json().path("invalid_parameters").size()).isEqualTo(4);
        assertThat(r.json().path("detail").asText()).isEqualTo("Invalid request: 4 invalid parameters");
    }

    @Test
    void cacheableDiscoveryAndJwksVaryByOrigin() {
        OAuthFixture fx = new OAuthFixture(Servers.get(Backend.SQLITE), "aud");
        for (String path : new String[]{"/.well-known/jwks", "/.well-known/openid-configuration"}) {
            var none = fx.http.send(fx.http.request(fx.issuer + path).GET());
            var other = fx.http.send(fx.http.request(fx.issuer + path).header("Origin", "https://evil.example.com").GET());
            var trusted = fx.http.send(fx.http.request(fx.issuer + path).header("Origin", "https://app.example.com").GET());
            for (var r : new Http.Response[]{none, other, trusted}) {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.header("Cache-Control")).startsWith("public");
                assertThat(r.header("Vary")).as(path).contains("Origin");
            }
            assertThat(trusted.raw().headers().allValues("Vary")).hasSize(1);
        }
    }
}
