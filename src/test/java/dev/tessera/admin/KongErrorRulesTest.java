package dev.tessera.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.http.InvalidParameter;
import dev.tessera.http.ProblemException;
import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.Fixtures;
import dev.tessera.support.Http;
import dev.tessera.support.Servers;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Kong's clients read {@code invalid_parameters[].rule} from a closed list: every 400 names at
 * least one parameter, and every rule is one Kong's description allows.
 */
class KongErrorRulesTest {

    @BothBackends
    void aDuplicateInAnArrayIsAnInvalidItemNotAnUnknownRule(Backend backend) {
        Http http = Servers.get(backend).http;
        Fixtures fx = new Fixtures(http);
        String as = fx.authServerId();
        String scope = fx.scope(as, "s1").text("id");
        var r = http.post("/v1/auth-servers/" + as + "/clients", json("name", "c",
                "grant_types", List.of("client_credentials"), "response_types", List.of("token"),
                "allow_scopes", List.of(scope, scope)));
        assertThat(Violations.of(r)).containsExactly(Map.entry("allow_scopes[1]", "invalid"));
        assertThat(Violations.find(r, "allow_scopes[1]").path("reason").asText()).isEqualTo("is a duplicate");
    }

    @BothBackends
    void everyBadRequestNamesItsParametersWithKongsRules(Backend backend) {
        Http http = Servers.get(backend).http;
        Fixtures fx = new Fixtures(http);
        String as = fx.authServerId();
        fx.scope(as, "s1");
        String base = "/v1/auth-servers/" + as;
        Map<String, Object> tooManyLabels = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            tooManyLabels.put("k" + i, "v");
        }
        List<Http.Response> badRequests = List.of(
                http.post("/v1/auth-servers", "{}"),
                http.post("/v1/auth-servers", ""),
                http.post("/v1/auth-servers", "[1]"),
                http.post("/v1/auth-servers", "{\"name\":"),
                http.post("/v1/auth-servers", json("name", "", "audience", 1, "labels", tooManyLabels, "x", 1)),
                http.post("/v1/auth-servers", json("name", "n", "audience", "a", "trusted_origins",
                        List.of("https://a.example", "https://a.example"))),
                http.post("/v1/auth-servers", json("name", "n", "audience", "a", "labels", Map.of("kong-env", "x"))),
                http.get("/v1/auth-servers/not-a-uuid"),
                http.get("/v1/auth-servers?page[size]=0"),
                http.get("/v1/auth-servers?page[number]=x"),
                http.get("/v1/auth-servers?sort=colour"),
                http.get("/v1/auth-servers?filter[colour]=red"),
                http.get("/v1/auth-servers?filter[labels]=nocolon"),
                http.get("/v1/auth-servers?filter[id][contains]=1"),
                http.delete(base + "?force=maybe"),
                http.delete(base),
                http.post(base + "/scopes", json("name", "has space", "default", "yes")),
                http.post(base + "/claims", json("name", "iss", "value", "${ nope")),
                http.post(base + "/clients", json("name", "c", "grant_types", List.of("password"),
                        "response_types", List.of(), "access_token_duration", 5, "allow_scopes",
                        List.of("00000000-0000-0000-0000-000000000000"), "login_uri", "ftp://x", "client_secret", "s")));
        for (Http.Response r : badRequests) {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            JsonNode params = r.json().path("invalid_parameters");
            assertThat(params.size()).as(r.toString()).isPositive();
            for (JsonNode p : params) {
                assertThat(InvalidParameter.KONG_RULES).as(r.toString()).contains(p.path("rule").asText());
            }
        }
    }

    @Test
    void aRuleOutsideKongsListCannotBeEmitted() {
        assertThatThrownBy(() -> InvalidParameter.of("body", "allow_scopes[1]", "unique", "is a duplicate"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unique");
    }

    @Test
    void aBadRequestWithoutParametersCannotBeBuilt() {
        assertThatThrownBy(() -> ProblemException.badRequest("Invalid request", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @BothBackends
    void labelKeysWithKongsReservedPrefixesAreRefused(Backend backend) {
        Http http = Servers.get(backend).http;
        for (String key : List.of("kong", "kong-env", "Konnect.team", "mesh_zone", "kic", "_private")) {
            var created = http.post("/v1/auth-servers", json("name", Fixtures.unique("l"), "audience", "a",
                    "labels", Map.of(key, "v")));
            assertThat(Violations.of(created)).as(key).containsExactly(Map.entry("labels." + key, "is_label"));
        }
        Fixtures fx = new Fixtures(http);
        String as = fx.authServerId();
        var patched = http.patch("/v1/auth-servers/" + as, json("labels", Map.of("kong_tier", "gold")));
        assertThat(Violations.of(patched)).containsExactly(Map.entry("labels.kong_tier", "is_label"));
        // Removing such a label stays possible (it may predate the rule).
        Map<String, Object> removal = new HashMap<>();
        removal.put("kong_tier", null);
        assertThat(http.patch("/v1/auth-servers/" + as, json("labels", removal)).status()).isEqualTo(200);
        var client = http.post("/v1/auth-servers/" + as + "/clients", json("name", "c",
                "grant_types", List.of("client_credentials"), "response_types", List.of("token"),
                "labels", Map.of("mesh", "x")));
        assertThat(Violations.of(client)).containsExactly(Map.entry("labels.mesh", "is_label"));

        // Keys that merely contain a reserved word, or start like one, are the user's.
        var allowed = http.post("/v1/auth-servers", json("name", Fixtures.unique("l"), "audience", "a",
                "labels", Map.of("env_kong", "v", "kin", "v", "mes", "v", "team_", "v")));
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(201);
    }
}
