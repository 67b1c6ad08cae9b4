package dev.tessera.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import dev.tessera.keys.JwksVerification;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.tessera.support.Backend;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;
import dev.tessera.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

class SigningAndDiscoveryTest {

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "EdDSA"})
    void everySigningAlgorithmProducesTokensThatVerifyAgainstTheJwks(String alg) throws Exception {
        OAuthFixture fx = new OAuthFixture(Servers.get(Backend.SQLITE), Map.of("signing_algorithm", alg), "aud")
                .client(List.of(), Map.of());
        String token = fx.accessToken(null);
        JWSObject jws = JWSObject.parse(token);
        assertThat(jws.getHeader().getAlgorithm().getName()).isEqualTo(alg);
        var jwksResponse = fx.http.send(fx.http.request(fx.issuer + "/.well-known/jwks").GET());
        JWKSet jwks = JWKSet.parse(jwksResponse.body());
        assertThat(jwks.getKeys()).hasSize(1);
        JWK key = jwks.getKeyByKeyId(jws.getHeader().getKeyID());
        assertThat(key.getAlgorithm().getName()).isEqualTo(alg);
        assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(key.isPrivate()).isFalse();
        assertThat(key.getKeyType().getValue()).isEqualTo(switch (alg) {
            case "ES256", "ES384" -> "EC";
            case "EdDSA" -> "OKP";
            default -> "RSA";
        });
        if (key instanceof RSAKey rsa) {
            assertThat(rsa.size()).isGreaterThanOrEqualTo(2048);
        }
        assertThat(JwksVerification.verifies(jws, key)).isTrue();
        assertThat(fx.introspect(token).path("active").asBoolean()).isTrue();
        JsonNode metadata = fx.http.send(fx.http.request(fx.issuer + "/.well-known/openid-configuration").GET()).json();
        assertThat(metadata.path("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"" + alg + "\"]");
    }

    @Test
    void metadataIsServedAtEveryStandardLocationAndListsWhatWorks() {
        OAuthFixture fx = new OAuthFixture(Servers.get(Backend.SQLITE), "aud", "public", "hidden");
        fx.http.patch(fx.admin("/scopes/" + fx.scopeIds.get("public")), json("include_in_metadata", true));
        Http http = fx.http;
        URI issuer = URI.create(fx.issuer);
        String inserted = issuer.getScheme() + "://" + issuer.getAuthority() + "/.well-known/oauth-authorization-server" + issuer.getPath();
        for (String url : List.of(fx.issuer + "/.well-known/openid-configuration",
                fx.issuer + "/.well-known/oauth-authorization-server", inserted)) {
            var r = http.send(http.request(url).GET());
            assertThat(r.status()).as(url).isEqualTo(200);
            JsonNode m = r.json();
            assertThat(m.path("issuer").asText()).isEqualTo(fx.issuer);
            assertThat(m.path("token_endpoint").asText()).isEqualTo(fx.issuer + "/oauth/token");
            assertThat(m.path("jwks_uri").asText()).isEqualTo(fx.issuer + "/.well-known/jwks");
            assertThat(m.path("introspection_endpoint").asText()).isEqualTo(fx.issuer + "/introspect");
            assertThat(m.path("revocation_endpoint").asText()).isEqualTo(fx.issuer + "/revoke");
            assertThat(m.path("userinfo_endpoint").asText()).isEqualTo(fx.issuer + "/userinfo");
            assertThat(m.path("grant_types_supported").toString())
                    .isEqualTo("[\"authorization_code\",\"client_credentials\",\"refresh_token\",\"implicit\"]");
            assertThat(m.path("token_endpoint_auth_methods_supported").toString())
                    .isEqualTo("[\"client_secret_basic\",\"client_secret_post\",\"client_secret_jwt\",\"private_key_jwt\",\"none\"]");
            for (String endpoint : List.of("token", "introspection", "revocation")) {
                assertThat(m.path(endpoint + "_endpoint_auth_signing_alg_values_supported").toString()).isEqualTo(
                        "[\"HS256\",\"HS384\",\"HS512\",\"RS256\",\"RS384\",\"RS512\",\"PS256\",\"PS384\",\"PS512\","
                                + "\"ES256\",\"ES384\",\"ES512\",\"EdDSA\"]");
            }
            for (String endpoint : List.of("introspection", "revocation")) {
                assertThat(m.path(endpoint + "_endpoint_auth_methods_supported").toString())
                        .isEqualTo("[\"client_secret_basic\",\"client_secret_post\",\"client_secret_jwt\",\"private_key_jwt\"]");
            }
            assertThat(m.path("scopes_supported").toString()).isEqualTo("[\"openid\",\"public\"]");
            assertThat(m.path("authorization_endpoint").asText()).isEqualTo(fx.issuer + "/authorize");
        }
    }

    @Test
    void trustedOriginsGetCorsHeadersOthersDoNot() {
        OAuthFixture fx = new OAuthFixture(Servers.get(Backend.SQLITE), "aud");
        var trusted = fx.http.send(fx.http.request(fx.issuer + "/.well-known/jwks").header("Origin", "https://app.example.com").GET());
        assertThat(trusted.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        var preflight = fx.http.send(fx.http.request(fx.issuer + "/oauth/token").header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST").method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
        var other = fx.http.send(fx.http.request(fx.issuer + "/.well-known/jwks").header("Origin", "https://evil.example.com").GET());
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void hostBasedIssuersAreRoutedByTheHostHeader() {
        try (TestServer server = TestServer.start(Backend.SQLITE, Map.of("TESSERA_ISSUER_DOMAIN", "id.example.com"))) {
            var as = server.http.post("/v1/auth-servers", json("name", "host", "audience", "aud"));
            String issuer = as.text("issuer");
            assertThat(issuer).matches("https://[a-z0-9]{16}\\.id\\.example\\.com/auth");
            String host = URI.create(issuer).getHost();
            var r = server.http.send(server.http.request("/auth/.well-known/openid-configuration").header("Host", host).GET());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().path("issuer").asText()).isEqualTo(issuer);
            assertThat(r.json().path("token_endpoint").asText()).isEqualTo(issuer + "/oauth/token");
            var unknown = server.http.send(server.http.request("/auth/.well-known/jwks").header("Host", "zzzz.id.example.com").GET());
            assertThat(unknown.status()).isEqualTo(404);
        }
    }

    @Test
    void theJdkProviderFallbackIssuesAndVerifiesTokensToo() {
        try (TestServer server = TestServer.start(Backend.SQLITE, Map.of("TESSERA_CRYPTO_PROVIDER", "jdk"))) {
            OAuthFixture fx = new OAuthFixture(server, "aud").client(List.of(), Map.of());
            String token = fx.accessToken(null);
            assertThat(fx.introspect(token).path("active").asBoolean()).isTrue();
        }
    }
}
