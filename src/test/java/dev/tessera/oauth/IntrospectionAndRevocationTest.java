package dev.tessera.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.support.Backend;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.tessera.support.OAuthFixture.basic;
import static dev.tessera.support.OAuthFixture.form;
import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7662 introspection and RFC 7009 revocation, as gateways and clients call them. */
class IntrospectionAndRevocationTest {
    private OAuthFixture fx;

    @BeforeEach
    void setUp() {
        fx = new OAuthFixture(Servers.get(Backend.SQLITE), "http://api.test", "read");
        fx.claim("tenant", "{\"id\": 7}", Map.of("include_in_token", true, "include_in_all_scopes", true));
        fx.client(List.of("read"), Map.of());
    }

    @Test
    void activeTokenReturnsTheFieldsGatewaysReadPlusCustomClaims() {
        String token = fx.accessToken("read");
        // as Kong's OAuth 2.0 Introspection plugin sends it: Basic credentials and a token_type_hint
        JsonNode r = fx.introspect(token);
        assertThat(r.path("active").asBoolean()).isTrue();
        assertThat(r.path("scope").asText()).isEqualTo("read");
        assertThat(r.path("client_id").asText()).isEqualTo(fx.clientId);
        assertThat(r.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(r.path("sub").asText()).isEqualTo(fx.clientId);
        assertThat(r.path("iss").asText()).isEqualTo(fx.issuer);
        assertThat(r.path("aud").get(0).asText()).isEqualTo("http://api.test");
        for (String f : List.of("exp", "iat", "nbf")) {
            assertThat(r.path(f).isIntegralNumber()).as(f).isTrue();
        }
        assertThat(r.path("jti").asText()).hasSize(36);
        assertThat(r.path("tenant").path("id").asInt()).isEqualTo(7);
        // post authentication works too
        var post = fx.post("/introspect", null, form("token", token, "client_id", fx.clientId, "client_secret", fx.clientSecret));
        assertThat(post.json().path("active").asBoolean()).isTrue();
    }

    @Test
    void anythingButAnActiveTokenOfThisAuthServerIsInactive() {
        String inactive = "{\"active\":false}";
        assertThat(fx.post("/introspect", basic(fx.clientId, fx.clientSecret), form("token", "garbage")).body()).isEqualTo(inactive);
        assertThat(fx.post("/introspect", basic(fx.clientId, fx.clientSecret), form("token", "a.b.c")).body()).isEqualTo(inactive);
        String token = fx.accessToken("read");
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertThat(fx.post("/introspect", basic(fx.clientId, fx.clientSecret), form("token", tampered)).body()).isEqualTo(inactive);
        String forgedAlg = "eyJhbGciOiJub25lIn0." + parts[1] + ".";
        assertThat(fx.post("/introspect", basic(fx.clientId, fx.clientSecret), form("token", forgedAlg)).body()).isEqualTo(inactive);

        OAuthFixture other = new OAuthFixture(Servers.get(Backend.SQLITE), "http://api.test").client(List.of(), Map.of());
        String foreign = other.accessToken(null);
        assertThat(fx.post("/introspect", basic(fx.clientId, fx.clientSecret), form("token", foreign)).body()).isEqualTo(inactive);
        // and the other auth server's client cannot introspect here at all
        assertThat(fx.post("/introspect", basic(other.clientId, other.clientSecret), form("token", token)).status()).isEqualTo(401);
        assertThat(fx.post("/introspect", basic(fx.clientId, fx.clientSecret), form("token_type_hint", "access_token")).body())
                .isEqualTo("{\"error\":\"invalid_request\",\"error_description\":\"parameter 'token' is required\"}");
    }

    @Test
    void revocationIsVisibleToIntrospectionAtOnceAndAlwaysAnswers200() {
        String token = fx.accessToken("read");
        var revoked = fx.post("/revoke", basic(fx.clientId, fx.clientSecret), form("token", token, "token_type_hint", "access_token"));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.body()).isEmpty();
        assertThat(fx.introspect(token).path("active").asBoolean()).isFalse();
        assertThat(fx.post("/revoke", basic(fx.clientId, fx.clientSecret), form("token", token)).status()).isEqualTo(200);
        assertThat(fx.post("/revoke", basic(fx.clientId, fx.clientSecret), form("token", "unknown")).status()).isEqualTo(200);
        assertThat(fx.post("/revoke", basic(fx.clientId, "wrong"), form("token", token)).status()).isEqualTo(401);
        assertThat(fx.http.get(fx.admin("/clients/" + fx.clientId + "/tokens")).json().path("meta").path("page")
                .path("total").asInt()).isZero();
    }

    @Test
    void aClientCannotRevokeAnotherClientsToken() {
        String token = fx.accessToken("read");
        String firstId = fx.clientId;
        String firstSecret = fx.clientSecret;
        fx.client(List.of(), Map.of());
        assertThat(fx.post("/revoke", basic(fx.clientId, fx.clientSecret), form("token", token)).status()).isEqualTo(200);
        var stillActive = fx.post("/introspect", basic(firstId, firstSecret), form("token", token));
        assertThat(stillActive.json().path("active").asBoolean()).isTrue();
    }

    @Test
    void managementApiListsAndRevokesTokens() {
        String t1 = fx.accessToken("read");
        String t2 = fx.accessToken(null);
        String base = fx.admin("/clients/" + fx.clientId + "/tokens");
        var list = fx.http.get(base + "?sort=created_at");
        assertThat(list.json().path("meta").path("page").path("total").asInt()).isEqualTo(2);
        JsonNode first = list.json().path("data").get(0);
        assertThat(first.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "granted_scope_names", "created_at", "expires_at");
        String jti1 = OAuthFixture.part(t1, 1).path("jti").asText();
        var one = fx.http.get(base + "/" + jti1);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("granted_scope_names").toString()).isEqualTo("[\"read\"]");

        assertThat(fx.http.delete(base + "/" + jti1).status()).isEqualTo(204);
        assertThat(fx.introspect(t1).path("active").asBoolean()).isFalse();
        assertThat(fx.introspect(t2).path("active").asBoolean()).isTrue();
        assertThat(fx.http.get(base + "/" + jti1).status()).isEqualTo(404);
        assertThat(fx.http.delete(base + "/" + jti1).status()).isEqualTo(404);

        assertThat(fx.http.delete(base).status()).isEqualTo(204);
        assertThat(fx.introspect(t2).path("active").asBoolean()).isFalse();
        assertThat(fx.http.get(base).json().path("data").size()).isZero();
    }

    @Test
    void deletingTheClientDeactivatesItsTokens() {
        String token = fx.accessToken("read");
        String gatewayId = fx.clientId;
        String gatewaySecret = fx.clientSecret;
        fx.client(List.of("read"), Map.of());
        String victim = fx.accessToken("read");
        fx.http.delete(fx.admin("/clients/" + fx.clientId));
        assertThat(fx.post("/introspect", basic(gatewayId, gatewaySecret), form("token", victim)).body()).isEqualTo("{\"active\":false}");
        assertThat(fx.post("/introspect", basic(gatewayId, gatewaySecret), form("token", token)).json().path("active").asBoolean()).isTrue();
    }

    @Test
    void userinfoServesClaimsThatAreNotInTheToken() {
        fx.claim("department", "engineering", Map.of("include_in_token", false));
        fx.claim("disabled", "x", Map.of("include_in_token", false, "enabled", false));
        String token = fx.accessToken("read");
        assertThat(OAuthFixture.part(token, 1).has("department")).isFalse();
        var r = fx.http.send(fx.http.request(fx.issuer + "/userinfo").header("Authorization", "Bearer " + token).GET());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"sub\":\"" + fx.clientId + "\",\"department\":\"engineering\"}");
        var bad = fx.http.send(fx.http.request(fx.issuer + "/userinfo").header("Authorization", "Bearer nope").GET());
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.header("WWW-Authenticate")).contains("invalid_token");
        var none = fx.http.send(fx.http.request(fx.issuer + "/userinfo").GET());
        assertThat(none.status()).isEqualTo(401);
    }
}
