package dev.tessera.oauth;

import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;

import java.util.List;
import java.util.Map;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * All claims of one token share one template budget (the limits of a single claim), checked
 * when a claim is saved and enforced when a token is issued.
 */
class ClaimBudgetTest {
    /** About 16,400 evaluation steps per expression. */
    private static final String HEAVY_EXPRESSION = "${ splitList \"\" (repeat 4096 \"a\") | join \",\" | splitList \"\" | len }";
    /** Four expressions: about 65,500 steps, within one claim's limit (100,000) but not twice. */
    private static final String HEAVY = HEAVY_EXPRESSION.repeat(4);
    private static final Map<String, Object> IN_TOKEN = Map.of("include_in_token", true, "include_in_all_scopes", true);

    @BothBackends
    void aClaimThatWouldPushTheAuthServersClaimsOverOneTokensBudgetIsRefused(Backend backend) {
        OAuthFixture fx = new OAuthFixture(Servers.get(backend), "aud");
        fx.claim("heavy_one", HEAVY, IN_TOKEN);

        var second = fx.http.post(fx.admin("/claims"), json("name", "heavy_two", "value", HEAVY, "include_in_token", true));
        assertThat(second.status()).isEqualTo(400);
        var invalid = second.json().path("invalid_parameters");
        assertThat(invalid.size()).isEqualTo(1);
        assertThat(invalid.get(0).path("field").asText()).isEqualTo("value");
        assertThat(invalid.get(0).path("reason").asText()).contains("100000 evaluation steps");

        // The same through PATCH: a cheap claim may not become a heavy one...
        String cheap = fx.claim("cheap", "${ upper \"x\" }", IN_TOKEN);
        var patched = fx.http.patch(fx.admin("/claims/" + cheap), json("value", HEAVY));
        assertThat(patched.status()).isEqualTo(400);
        assertThat(patched.json().path("invalid_parameters").get(0).path("field").asText()).isEqualTo("value");
        // ...and a disabled heavy claim, which no token carries, may not be enabled.
        String disabled = fx.claim("heavy_off", HEAVY, Map.of("include_in_token", true, "enabled", false));
        assertThat(fx.http.patch(fx.admin("/claims/" + disabled), json("enabled", true)).status()).isEqualTo(400);

        fx.client(List.of(), Map.of());
        assertThat(fx.accessToken(null)).isNotEmpty();
    }

    @BothBackends
    void aTokenWhoseClaimsTogetherExceedTheBudgetIsRefusedWithAnOAuthError(Backend backend) {
        OAuthFixture fx = new OAuthFixture(Servers.get(backend), "aud");
        // Cheap when saved (no client), about 37,000 steps per claim for a client named "abc".
        String byClientName = "${ splitList \"\" (repeat 4096 .Client.Name) | len }".repeat(3);
        for (String name : new String[]{"a1", "a2", "a3"}) {
            fx.claim(name, byClientName, IN_TOKEN);
        }
        fx.client(List.of(), Map.of("name", "abc"));

        Http.Response r = fx.tokenPost(null);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().path("error").asText()).isEqualTo("invalid_request");
        assertThat(r.json().path("error_description").asText())
                .contains("claims").contains("100000 evaluation steps");
    }

    @BothBackends
    void userinfoClaimsShareOneBudgetPerResponseToo(Backend backend) {
        OAuthFixture fx = new OAuthFixture(Servers.get(backend), "aud");
        String byClientName = "${ splitList \"\" (repeat 4096 .Client.Name) | len }".repeat(3);
        for (String name : new String[]{"u1", "u2", "u3"}) {
            fx.claim(name, byClientName, Map.of("include_in_token", false, "include_in_all_scopes", true));
        }
        fx.client(List.of(), Map.of("name", "abc"));
        String token = fx.accessToken(null);

        var r = fx.http.send(fx.http.request(fx.issuer + "/userinfo").header("Authorization", "Bearer " + token).GET());
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().path("error").asText()).isEqualTo("invalid_request");
        assertThat(r.json().path("error_description").asText()).contains("100000 evaluation steps");
    }
}
