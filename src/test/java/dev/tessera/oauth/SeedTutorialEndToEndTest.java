package dev.tessera.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole Kong Identity tutorial: a token from $ISSUER_URL/oauth/token, decoded and verified. */
class SeedTutorialEndToEndTest {

    @BothBackends
    void tutorialTokenHasTheDocumentedHeaderAndPayloadAndVerifies(Backend backend) throws Exception {
        OAuthFixture fx = new OAuthFixture(Servers.get(backend), "http://myhttpbin.dev", "scope1");
        fx.claim("claim1", "claim1", Map.of("include_in_token", true, "include_in_all_scopes", false,
                "include_in_scopes", List.of(fx.scopeIds.get("scope1")), "enabled", true));
        fx.client(List.of("scope1"), Map.of("access_token_duration", 3600, "id_token_duration", 3600,
                "response_types", List.of("id_token", "token")));

        Http.Response r = fx.tokenPost("scope1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.text("token_type")).isEqualTo("Bearer");
        assertThat(r.json().path("expires_in").asInt()).isEqualTo(3600);
        assertThat(r.text("scope")).isEqualTo("scope1");
        String token = r.text("access_token");

        JsonNode header = OAuthFixture.part(token, 0);
        assertThat(header.fieldNames()).toIterable().containsExactlyInAnyOrder("typ", "alg", "kid");
        assertThat(header.path("typ").asText()).isEqualTo("JWT");
        assertThat(header.path("alg").asText()).isEqualTo("RS256");

        JsonNode payload = OAuthFixture.part(token, 1);
        assertThat(payload.fieldNames()).toIterable().containsExactlyInAnyOrder("aud", "claim1", "client_id", "exp",
                "iat", "iss", "jti", "nbf", "scope", "sub");
        assertThat(payload.path("aud").isArray()).isTrue();
        assertThat(payload.path("aud").get(0).asText()).isEqualTo("http://myhttpbin.dev");
        assertThat(payload.path("claim1").asText()).isEqualTo("claim1");
        assertThat(payload.path("client_id").asText()).isEqualTo(fx.clientId);
        assertThat(payload.path("sub").asText()).isEqualTo(fx.clientId);
        assertThat(payload.path("iss").asText()).isEqualTo(fx.issuer);
        assertThat(payload.path("scope").asText()).isEqualTo("scope1");
        assertThat(payload.path("jti").asText()).matches("[0-9a-f-]{36}");
        assertThat(payload.path("iat").isIntegralNumber()).isTrue();
        assertThat(payload.path("nbf").asLong()).isEqualTo(payload.path("iat").asLong());
        assertThat(payload.path("exp").asLong()).isEqualTo(payload.path("iat").asLong() + 3600);

        var jwks = fx.http.send(fx.http.request(fx.issuer + "/.well-known/jwks").GET());
        assertThat(jwks.status()).isEqualTo(200);
        RSAKey key = (RSAKey) JWKSet.parse(jwks.body()).getKeyByKeyId(header.path("kid").asText());
        assertThat(key).isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(JWSObject.parse(token).verify(new RSASSAVerifier(key))).isTrue();

        // the gateway side: introspection as Kong's OAuth 2.0 Introspection plugin calls it
        JsonNode introspection = fx.introspect(token);
        assertThat(introspection.path("active").asBoolean()).isTrue();
        assertThat(introspection.path("client_id").asText()).isEqualTo(fx.clientId);
        assertThat(introspection.path("claim1").asText()).isEqualTo("claim1");

        // the token is recorded and listed under its client
        var tokens = fx.http.get(fx.admin("/clients/" + fx.clientId + "/tokens"));
        assertThat(tokens.json().path("data").get(0).path("id").asText()).isEqualTo(payload.path("jti").asText());
        assertThat(tokens.json().path("data").get(0).path("granted_scope_names").get(0).asText()).isEqualTo("scope1");
    }
}
