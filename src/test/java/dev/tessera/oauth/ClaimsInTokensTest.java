package dev.tessera.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.support.Backend;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The four claim modes, JSON-typed values and templates, as they end up in real tokens. */
class ClaimsInTokensTest {

    @Test
    void theFourClaimModesDecideWhichClaimsATokenCarries() {
        OAuthFixture fx = new OAuthFixture(Servers.get(Backend.SQLITE), "aud", "a", "b");
        fx.claim("always", "1", Map.of("include_in_token", true, "include_in_all_scopes", true));
        fx.claim("with_a", "2", Map.of("include_in_token", true, "include_in_scopes", List.of(fx.scopeIds.get("a"))));
        fx.claim("unscoped", "3", Map.of("include_in_token", true));
        fx.claim("userinfo_only", "4", Map.of("include_in_token", false, "include_in_all_scopes", true));
        fx.claim("off", "5", Map.of("include_in_token", true, "include_in_all_scopes", true, "enabled", false));
        fx.client(List.of("a", "b"), Map.of());

        assertThat(customClaims(fx.accessToken("a"))).containsExactlyInAnyOrder("always", "with_a");
        assertThat(customClaims(fx.accessToken("b"))).containsExactlyInAnyOrder("always");
        assertThat(customClaims(fx.accessToken(null))).containsExactlyInAnyOrder("always", "unscoped");
    }

    @Test
    void valuesThatAreJsonBecomeJsonAndTemplatesAreRendered() {
        OAuthFixture fx = new OAuthFixture(Servers.get(Backend.SQLITE), "aud");
        Map<String, Object> inToken = Map.of("include_in_token", true, "include_in_all_scopes", true);
        fx.claim("number", "42", inToken);
        fx.claim("flag", "true", inToken);
        fx.claim("object", "{\"roles\": [\"admin\", \"ops\"]}", inToken);
        fx.claim("text", "plain words", inToken);
        fx.claim("who", "${ .Client.Name | upper }", inToken);
        fx.claim("labels", "${ .Client.Labels.env }-${ .AuthServer.Audience }", inToken);
        fx.claim("id", "${ uuidv4 }", inToken);
        fx.claim("list", "${ list \"x\" \"y\" | toJson }", inToken);
        fx.client(List.of(), Map.of("name", "svc", "labels", Map.of("env", "prod")));

        JsonNode p = OAuthFixture.part(fx.accessToken(null), 1);
        assertThat(p.path("number").isInt()).isTrue();
        assertThat(p.path("number").asInt()).isEqualTo(42);
        assertThat(p.path("flag").isBoolean()).isTrue();
        assertThat(p.path("object").path("roles").get(1).asText()).isEqualTo("ops");
        assertThat(p.path("text").asText()).isEqualTo("plain words");
        assertThat(p.path("who").asText()).isEqualTo("SVC");
        assertThat(p.path("labels").asText()).isEqualTo("prod-aud");
        assertThat(p.path("id").asText()).hasSize(36);
        assertThat(p.path("list").toString()).isEqualTo("[\"x\",\"y\"]");
        String second = OAuthFixture.part(fx.accessToken(null), 1).path("id").asText();
        assertThat(second).isNotEqualTo(p.path("id").asText());
    }

    @Test
    void templateSyntaxErrorsAreRefusedWhenSavedAndEvaluationErrorsRefuseTheToken() {
        OAuthFixture fx = new OAuthFixture(Servers.get(Backend.SQLITE), "aud");
        var bad = fx.http.post(fx.admin("/claims"), json("name", "broken", "value", "${ uper .Client.Name }"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("invalid_parameters").get(0).path("field").asText()).isEqualTo("value");
        assertThat(bad.json().path("invalid_parameters").get(0).path("reason").asText()).contains("uper");
        assertThat(fx.http.post(fx.admin("/claims"), json("name", "unclosed", "value", "${ .Client.ID")).status()).isEqualTo(400);

        fx.claim("fails", "${ div 1 0 }", Map.of("include_in_token", true, "include_in_all_scopes", true));
        fx.client(List.of(), Map.of());
        var r = fx.tokenPost(null);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text("error")).isEqualTo("server_error");
        assertThat(r.text("error_description")).contains("claim 'fails' could not be rendered");
    }

    @Test
    void testClaimRendersTemplatesForAClient() {
        OAuthFixture fx = new OAuthFixture(Servers.get(Backend.SQLITE), "aud").client(List.of(), Map.of("name", "svc"));
        var r = fx.http.post(fx.admin("/clients/" + fx.clientId + "/test-claim"),
                json("destination", "anywhere", "who", "${ .Context.Client.Name }", "n", "${ add 1 2 }"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"destination\":\"anywhere\",\"who\":\"svc\",\"n\":3}");
        var bad = fx.http.post(fx.admin("/clients/" + fx.clientId + "/test-claim"), json("x", "${ nope }", "y", 5));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"x\"").contains("\"field\":\"y\"");
        assertThat(fx.http.post(fx.admin("/clients/unknown/test-claim"), "{}").status()).isEqualTo(404);
    }

    private static List<String> customClaims(String token) {
        JsonNode p = OAuthFixture.part(token, 1);
        List<String> registered = List.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "client_id", "scope");
        return iterable(p).stream().filter(n -> !registered.contains(n)).toList();
    }

    private static List<String> iterable(JsonNode node) {
        List<String> out = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
