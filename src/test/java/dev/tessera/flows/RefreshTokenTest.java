package dev.tessera.flows;

import dev.tessera.support.Backend;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.tessera.flows.FlowFixture.CALLBACK;
import static org.assertj.core.api.Assertions.assertThat;

/** Refresh tokens: issued with offline_access, rotated on every use, a reused one kills its family. */
class RefreshTokenTest {
    private static FlowFixture fx;
    private static String clientId;
    private static String secret;

    @BeforeAll
    static void setUp() {
        fx = new FlowFixture(new OAuthFixture(Servers.get(Backend.SQLITE), "https://api.example.com", "read", "write"));
        String[] c = fx.client(Map.of("grant_types", List.of("authorization_code", "refresh_token")));
        clientId = c[0];
        secret = c[1];
    }

    private static Http.Response codeExchange(String scope) {
        String code = fx.acceptedParams(fx.loginChallenge("client_id", clientId, "response_type", "code", "scope", scope))
                .get("code");
        var r = fx.token(clientId, secret, "grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r;
    }

    private static Http.Response refresh(String token, String... extra) {
        String[] pairs = new String[extra.length + 4];
        pairs[0] = "grant_type";
        pairs[1] = "refresh_token";
        pairs[2] = "refresh_token";
        pairs[3] = token;
        System.arraycopy(extra, 0, pairs, 4, extra.length);
        return fx.token(clientId, secret, pairs);
    }

    private static boolean active(String token) {
        var r = fx.oauth.post("/introspect", OAuthFixture.basic(clientId, secret), FlowFixture.query("token", token));
        return r.json().path("active").asBoolean();
    }

    @Test
    void onlyOfflineAccessWithTheRefreshTokenGrantGetsOne() {
        assertThat(codeExchange("openid read").json().has("refresh_token")).isFalse();
        var r = codeExchange("openid offline_access read");
        assertThat(r.text("refresh_token")).matches("[A-Za-z0-9_-]{43}");
        assertThat(r.text("scope")).isEqualTo("openid offline_access read");
    }

    @Test
    void eachUseRotatesAndScopeMayNarrowButNeverWiden() {
        String first = codeExchange("openid offline_access read").text("refresh_token");
        var narrowed = refresh(first, "scope", "read");
        assertThat(narrowed.status()).as(narrowed.toString()).isEqualTo(200);
        assertThat(narrowed.text("scope")).isEqualTo("read");
        assertThat(narrowed.json().has("id_token")).isFalse();
        assertThat(FlowFixture.payload(narrowed.text("access_token")).path("sub").asText()).isEqualTo("user-1");
        String second = narrowed.text("refresh_token");
        assertThat(second).isNotEqualTo(first);

        var widened = refresh(second, "scope", "read write");
        assertThat(widened.status()).isEqualTo(400);
        assertThat(widened.body()).isEqualTo("{\"error\":\"invalid_scope\",\"error_description\":"
                + "\"scope 'write' was not granted to this refresh token\"}");
        // the refused attempt did not spend it; the next one of the family keeps the original scopes
        var again = refresh(second);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.text("scope")).isEqualTo("openid offline_access read");
    }

    @Test
    void aReusedRefreshTokenRevokesItsFamilyAndTheirAccessTokens() {
        var start = codeExchange("openid offline_access read");
        String first = start.text("refresh_token");
        var rotated = refresh(first);
        assertThat(rotated.text("scope")).isEqualTo("openid offline_access read");
        assertThat(rotated.json().has("id_token")).isTrue();
        String second = rotated.text("refresh_token");
        assertThat(active(rotated.text("access_token"))).isTrue();
        assertThat(active(second)).isTrue();
        assertThat(active(first)).isFalse();
        var userinfo = fx.http.send(fx.http.request(fx.oauth.issuer + "/userinfo")
                .header("Authorization", "Bearer " + rotated.text("access_token")).GET());
        assertThat(userinfo.body()).isEqualTo("{\"sub\":\"user-1\",\"name\":\"User One\"}");

        var reuse = refresh(first);
        assertThat(reuse.status()).isEqualTo(400);
        assertThat(reuse.text("error_description")).isEqualTo("the refresh token was already used; "
                + "every token of its family is revoked");
        assertThat(refresh(second).text("error_description")).isEqualTo("the refresh token was revoked");
        assertThat(active(rotated.text("access_token"))).isFalse();
        assertThat(active(start.text("access_token"))).isFalse();
    }

    @Test
    void introspectionShowsARefreshTokenToItsOwnClientAndRevocationEndsTheFamily() {
        var start = codeExchange("offline_access read");
        String token = start.text("refresh_token");
        var own = fx.oauth.post("/introspect", OAuthFixture.basic(clientId, secret),
                FlowFixture.query("token", token, "token_type_hint", "refresh_token")).json();
        assertThat(own.path("active").asBoolean()).isTrue();
        assertThat(own.path("token_type").asText()).isEqualTo("refresh_token");
        assertThat(own.path("sub").asText()).isEqualTo("user-1");
        assertThat(own.path("client_id").asText()).isEqualTo(clientId);
        assertThat(own.path("scope").asText()).isEqualTo("offline_access read");

        FlowFixture other = new FlowFixture(fx.oauth);
        String[] o = other.client(Map.of());
        fx.oauth.clientId = clientId;
        fx.oauth.clientSecret = secret;
        var foreign = fx.oauth.post("/introspect", OAuthFixture.basic(o[0], o[1]), FlowFixture.query("token", token));
        assertThat(foreign.body()).isEqualTo("{\"active\":false}");
        var notTheirs = fx.oauth.post("/revoke", OAuthFixture.basic(o[0], o[1]), FlowFixture.query("token", token));
        assertThat(notTheirs.status()).isEqualTo(200);
        assertThat(active(token)).isTrue();

        var revoked = fx.oauth.post("/revoke", OAuthFixture.basic(clientId, secret), FlowFixture.query("token", token));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(active(token)).isFalse();
        assertThat(active(start.text("access_token"))).isFalse();
        assertThat(refresh(token).text("error_description")).isEqualTo("the refresh token was revoked");
    }

    @Test
    void theManagementApiListsLiveRefreshTokensWithTheirFamilyAndRevokesAFamily() {
        var start = codeExchange("offline_access read");
        String path = fx.oauth.admin("/clients/" + clientId + "/refresh-tokens");
        String familyId = null;
        for (var t : fx.http.get(path + "?page[size]=100").json().path("data")) {
            if (t.path("granted_scope_names").toString().equals("[\"offline_access\",\"read\"]")
                    && t.path("subject").asText().equals("user-1")) {
                familyId = t.path("family_id").asText();
            }
        }
        assertThat(familyId).isNotNull();
        var rotated = refresh(start.text("refresh_token"));
        var listed = fx.http.get(path + "?filter[family_id]=" + familyId).json();
        assertThat(listed.path("data")).hasSize(1); // the spent one is no longer live
        assertThat(listed.path("data").get(0).path("id").asText()).doesNotContain(rotated.text("refresh_token"));
        assertThat(listed.path("data").get(0).has("expires_at")).isTrue();

        assertThat(fx.http.delete(path + "/families/" + familyId).status()).isEqualTo(204);
        assertThat(fx.http.get(path + "?filter[family_id]=" + familyId).json().path("data")).isEmpty();
        assertThat(active(rotated.text("access_token"))).isFalse();
        assertThat(refresh(rotated.text("refresh_token")).text("error_description")).isEqualTo("the refresh token was revoked");
        assertThat(fx.http.delete(path + "/families/" + familyId).status()).isEqualTo(404);
        assertThat(fx.http.delete(path + "/families/not-a-uuid").status()).isEqualTo(400);
    }
}
