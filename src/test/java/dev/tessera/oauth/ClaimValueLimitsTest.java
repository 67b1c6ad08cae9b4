package dev.tessera.oauth;

import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever claim value is accepted ends up in tokens that introspection accepts: values that would
 * not come back from a token unchanged, and claims that would make tokens larger than the
 * verifier reads, are refused when saved (static values) or when the token is asked for (templates).
 */
class ClaimValueLimitsTest {
    private static final Map<String, Object> IN_EVERY_TOKEN = Map.of("include_in_token", true, "include_in_all_scopes", true);
    private static final String LONG_TEXT = "x".repeat(4000);

    @BothBackends
    void numbersATokenCannotCarryAreRefusedNamingValue(Backend backend) {
        OAuthFixture fx = new OAuthFixture(Servers.get(backend), "aud");
        for (String value : List.of("1e400", "-1E+400", "123456789012345678901234567890", "{\"n\": [1, 1e999]}",
                "[".repeat(20) + "1" + "]".repeat(20))) {
            var r = fx.http.post(fx.admin("/claims"), json("name", "n", "value", value, "include_in_token", true));
            assertThat(r.status()).as(value).isEqualTo(400);
            assertThat(r.json().path("invalid_parameters").get(0).path("field").asText()).isEqualTo("value");
        }
        String id = fx.claim("n", "\"1e400\"", IN_EVERY_TOKEN);
        var patch = fx.http.patch(fx.admin("/claims/" + id), json("value", "1e400"));
        assertThat(patch.status()).isEqualTo(400);
        assertThat(patch.json().path("invalid_parameters").get(0).path("field").asText()).isEqualTo("value");
        assertThat(patch.json().path("invalid_parameters").get(0).path("reason").asText()).contains("1E+400");

        fx.claim("big", "9223372036854775807", IN_EVERY_TOKEN);
        fx.claim("small", "1.5e-300", IN_EVERY_TOKEN);
        fx.client(List.of(), Map.of());
        var introspected = fx.introspect(fx.accessToken(null));
        assertThat(introspected.path("active").asBoolean()).isTrue();
        assertThat(introspected.path("n").asText()).isEqualTo("1e400");
        assertThat(introspected.path("big").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(introspected.path("small").asDouble()).isEqualTo(1.5e-300);
    }

    @Test
    void aTemplateRenderingANumberATokenCannotCarryRefusesTheToken() {
        OAuthFixture fx = new OAuthFixture(Servers.get(Backend.SQLITE), "aud");
        fx.claim("huge", "${ \"1e400\" }", IN_EVERY_TOKEN);
        fx.client(List.of(), Map.of());
        var r = fx.tokenPost(null);
        assertThat(r.status()).as(r.toString()).isEqualTo(500);
        assertThat(r.text("error")).isEqualTo("server_error");
        assertThat(r.text("error_description")).contains("claim 'huge'").contains("1E+400");
    }

    @BothBackends
    void staticClaimsThatWouldMakeTokensTooLargeAreRefusedWhenSaved(Backend backend) {
        OAuthFixture fx = new OAuthFixture(Servers.get(backend), "aud");
        fx.claim("a", LONG_TEXT, IN_EVERY_TOKEN);
        fx.claim("b", LONG_TEXT, IN_EVERY_TOKEN);
        var third = fx.http.post(fx.admin("/claims"), json("name", "c", "value", LONG_TEXT,
                "include_in_token", true, "include_in_all_scopes", true));
        assertThat(third.status()).as(third.toString()).isEqualTo(400);
        assertThat(third.json().path("invalid_parameters").get(0).path("field").asText()).isEqualTo("value");
        assertThat(third.json().path("invalid_parameters").get(0).path("reason").asText()).contains("16384");

        // Not in tokens (userinfo only), or disabled: no token grows.
        String userinfoOnly = fx.claim("c", LONG_TEXT, Map.of("include_in_token", false));
        String disabled = fx.claim("d", LONG_TEXT, Map.of("include_in_token", true, "enabled", false));
        Http.Response enabling = fx.http.patch(fx.admin("/claims/" + disabled), json("enabled", true));
        assertThat(enabling.status()).isEqualTo(400);
        assertThat(enabling.json().path("invalid_parameters").get(0).path("field").asText()).isEqualTo("value");
        assertThat(fx.http.patch(fx.admin("/claims/" + userinfoOnly), json("include_in_token", true)).status()).isEqualTo(400);

        fx.client(List.of(), Map.of());
        assertThat(fx.introspect(fx.accessToken(null)).path("active").asBoolean()).isTrue();
    }

    @Test
    void templateClaimsThatMakeATokenTooLargeRefuseItWithAnOAuthError() {
        OAuthFixture fx = new OAuthFixture(Servers.get(Backend.SQLITE), "aud");
        for (String name : List.of("a", "b", "c", "d")) {
            fx.claim(name, "${ repeat 4000 \"x\" }", IN_EVERY_TOKEN);
        }
        fx.client(List.of(), Map.of());
        var r = fx.tokenPost(null);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.text("error")).isEqualTo("invalid_request");
        assertThat(r.text("error_description")).contains("16384");
        assertThat(fx.http.get(fx.admin("/clients/" + fx.clientId + "/tokens")).json().path("data").size())
                .as("no record of a refused token").isZero();
    }
}
