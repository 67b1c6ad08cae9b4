package dev.tessera.admin;

import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.Fixtures;
import dev.tessera.support.Http;
import dev.tessera.support.Servers;
import dev.tessera.support.TestServer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.tessera.support.Fixtures.unique;
import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

class AuthServerApiTest {
    static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z";

    @BothBackends
    void createReturnsTheAuthServerWithIssuerAndDefaults(Backend backend) {
        TestServer server = Servers.get(backend);
        String name = unique("AuthN_Server");
        var r = server.http.post("/v1/auth-servers", json("name", name, "audience", "http://myhttpbin.dev",
                "description", "AuthN Server 1"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        var b = r.json();
        assertThat(b.path("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(b.path("name").asText()).isEqualTo(name);
        assertThat(b.path("audience").asText()).isEqualTo("http://myhttpbin.dev");
        assertThat(b.path("description").asText()).isEqualTo("AuthN Server 1");
        assertThat(b.path("signing_algorithm").asText()).isEqualTo("RS256");
        assertThat(b.path("labels").isObject()).isTrue();
        assertThat(b.path("labels").size()).isZero();
        assertThat(b.path("trusted_origins").isArray()).isTrue();
        String issuer = b.path("issuer").asText();
        assertThat(issuer).matches("http://localhost:\\d+/[a-z0-9]{16}/auth");
        assertThat(b.path("metadata_uri").asText()).isEqualTo(issuer + "/.well-known/openid-configuration");
        assertThat(b.path("jwks_uri").asText()).isEqualTo(issuer + "/.well-known/jwks");
        assertThat(b.path("created_at").asText()).matches(TIMESTAMP);
        assertThat(b.path("updated_at").asText()).isEqualTo(b.path("created_at").asText());

        var fetched = server.http.get("/v1/auth-servers/" + b.path("id").asText());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(b);
    }

    @BothBackends
    void descriptionDefaultsToEmpty(Backend backend) {
        var r = Servers.get(backend).http.post("/v1/auth-servers", json("name", unique("as"), "audience", "a"));
        assertThat(r.json().path("description").isTextual()).isTrue();
        assertThat(r.json().path("description").asText()).isEmpty();
    }

    @BothBackends
    void patchChangesOnlyTheGivenFieldsAndMergesLabels(Backend backend) {
        Http http = Servers.get(backend).http;
        var created = http.post("/v1/auth-servers", json("name", unique("as"), "audience", "aud",
                "labels", Map.of("env", "test", "team", "core"), "trusted_origins", List.of("https://app.example.com")));
        String id = created.text("id");
        Map<String, Object> labels = new HashMap<>();
        labels.put("env", "prod");
        labels.put("team", null);
        labels.put("tier", "gold");
        var r = http.patch("/v1/auth-servers/" + id, json("signing_algorithm", "PS384", "labels", labels));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.text("signing_algorithm")).isEqualTo("PS384");
        assertThat(r.text("audience")).isEqualTo("aud");
        assertThat(r.text("name")).isEqualTo(created.text("name"));
        assertThat(r.text("issuer")).isEqualTo(created.text("issuer"));
        assertThat(r.json().path("labels")).isEqualTo(Http.JSON.valueToTree(Map.of("env", "prod", "tier", "gold")));
        assertThat(r.json().path("trusted_origins").get(0).asText()).isEqualTo("https://app.example.com");
        assertThat(r.text("created_at")).isEqualTo(created.text("created_at"));
        assertThat(r.text("updated_at")).isGreaterThanOrEqualTo(created.text("updated_at"));

        var cleared = http.patch("/v1/auth-servers/" + id, "{\"labels\": null, \"description\": null}");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().path("labels").size()).isZero();
        assertThat(cleared.text("description")).isEmpty();
    }

    @BothBackends
    void deleteRemovesTheAuthServerAndEverythingUnderIt(Backend backend) {
        TestServer server = Servers.get(backend);
        Http http = server.http;
        Fixtures fx = new Fixtures(http);
        String id = fx.authServerId();
        String scope = fx.scope(id, "s1").text("id");
        http.post("/v1/auth-servers/" + id + "/claims", json("name", "c1", "value", "v", "include_in_scopes", List.of(scope)));
        String client = fx.client(id, "client", List.of(scope)).text("id");

        var r = http.delete("/v1/auth-servers/" + id + "?force=true");
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(http.get("/v1/auth-servers/" + id).status()).isEqualTo(404);
        assertThat(http.get("/v1/auth-servers/" + id + "/clients/" + client).status()).isEqualTo(404);
        var jdbc = server.app().database().jdbc();
        for (String table : List.of("scopes", "claims", "claim_scopes", "clients", "client_scopes", "client_secrets",
                "client_labels", "auth_server_labels")) {
            assertThat(jdbc.count("SELECT COUNT(*) FROM " + table + " WHERE auth_server_id = ?", id)).as(table).isZero();
        }
        assertThat(http.delete("/v1/auth-servers/" + id).status()).isEqualTo(404);
    }

    @BothBackends
    void deleteWithForceFalseRefusesAnAuthServerThatHasChildren(Backend backend) {
        Http http = Servers.get(backend).http;
        Fixtures fx = new Fixtures(http);
        String id = fx.authServerId();
        fx.scope(id, "s1");
        var r = http.delete("/v1/auth-servers/" + id + "?force=false");
        assertThat(Violations.of(r)).containsExactly(Map.entry("force", "invalid"));
        assertThat(Violations.find(r, "force").path("source").asText()).isEqualTo("query");
        assertThat(http.get("/v1/auth-servers/" + id).status()).isEqualTo(200);
        assertThat(Violations.of(http.delete("/v1/auth-servers/" + id + "?force=maybe"))).containsEntry("force", "enum");
        assertThat(http.delete("/v1/auth-servers/" + id + "?force=true").status()).isEqualTo(204);
    }

    /** Kong's {@code force} defaults to false: without it, only an empty auth server is deleted. */
    @BothBackends
    void deleteWithoutForceRefusesAnAuthServerThatHasScopesClaimsOrClients(Backend backend) {
        Http http = Servers.get(backend).http;
        Fixtures fx = new Fixtures(http);
        String withScope = fx.authServerId();
        fx.scope(withScope, "s1");
        String withClaim = fx.authServerId();
        assertThat(http.post("/v1/auth-servers/" + withClaim + "/claims", json("name", "c1", "value", "v")).status())
                .isEqualTo(201);
        String withClient = fx.authServerId();
        fx.client(withClient, "client", List.of());
        for (String id : List.of(withScope, withClaim, withClient)) {
            var r = http.delete("/v1/auth-servers/" + id);
            assertThat(Violations.of(r)).as(r.toString()).containsExactly(Map.entry("force", "invalid"));
            assertThat(r.json().path("detail").asText()).contains("force=true");
            assertThat(http.get("/v1/auth-servers/" + id).status()).isEqualTo(200);
            assertThat(http.delete("/v1/auth-servers/" + id + "?force=true").status()).isEqualTo(204);
        }
        String empty = fx.authServerId();
        assertThat(http.delete("/v1/auth-servers/" + empty).status()).isEqualTo(204);
        assertThat(http.get("/v1/auth-servers/" + empty).status()).isEqualTo(404);
    }

    @BothBackends
    void duplicateNameIsAConflict(Backend backend) {
        Http http = Servers.get(backend).http;
        String name = unique("dup");
        assertThat(http.post("/v1/auth-servers", json("name", name, "audience", "a")).status()).isEqualTo(201);
        var r = http.post("/v1/auth-servers", json("name", name, "audience", "b"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().path("status").asInt()).isEqualTo(409);
        assertThat(r.json().path("title").asText()).isEqualTo("Conflict");
        assertThat(r.json().path("detail").asText()).contains(name);
        assertThat(r.json().path("instance").asText()).startsWith("tessera:trace:");

        String other = http.post("/v1/auth-servers", json("name", unique("other"), "audience", "c")).text("id");
        assertThat(http.patch("/v1/auth-servers/" + other, json("name", name)).status()).isEqualTo(409);
    }

    @BothBackends
    void everyFieldRuleIsValidated(Backend backend) {
        Http http = Servers.get(backend).http;
        var missing = http.post("/v1/auth-servers", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(Violations.of(missing)).containsEntry("name", "required").containsEntry("audience", "required");

        Map<String, Object> labels = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            labels.put("k" + i, "v");
        }
        var bad = http.post("/v1/auth-servers", json("name", "x".repeat(256), "audience", 5, "description", true,
                "signing_algorithm", "HS256", "labels", labels, "trusted_origins", List.of("https://a.example.com/path"),
                "surprise", 1));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(Violations.of(bad))
                .containsEntry("name", "max_length")
                .containsEntry("audience", "is_string")
                .containsEntry("description", "is_string")
                .containsEntry("signing_algorithm", "enum")
                .containsEntry("labels", "max_items")
                .containsEntry("trusted_origins[0]", "invalid")
                .containsEntry("surprise", "unknown_property");
        var alg = Violations.find(bad, "signing_algorithm");
        assertThat(alg.path("choices").toString()).isEqualTo("[\"RS256\",\"RS384\",\"RS512\",\"PS256\",\"PS384\",\"PS512\",\"ES256\",\"ES384\",\"EdDSA\"]");
        assertThat(Violations.find(bad, "name").path("maximum").asInt()).isEqualTo(255);

        var origins = http.post("/v1/auth-servers", json("name", unique("o"), "audience", "a",
                "trusted_origins", java.util.stream.IntStream.range(0, 17).mapToObj(i -> "https://h" + i + ".example.com").toList()));
        assertThat(Violations.of(origins)).containsEntry("trusted_origins", "max_items");
        var dupOrigins = http.post("/v1/auth-servers", json("name", unique("o"), "audience", "a",
                "trusted_origins", List.of("https://a.example.com", "https://a.example.com")));
        assertThat(Violations.of(dupOrigins)).containsEntry("trusted_origins[1]", "invalid");
        var badLabel = http.post("/v1/auth-servers", json("name", unique("o"), "audience", "a",
                "labels", Map.of("env", "-bad-")));
        assertThat(Violations.of(badLabel)).containsEntry("labels.env", "is_label");
        var emptyName = http.patch("/v1/auth-servers/" + new Fixtures(http).authServerId(), json("name", ""));
        assertThat(Violations.of(emptyName)).containsEntry("name", "min_length");
    }

    @BothBackends
    void readOnlyFieldsFromAResponseAreIgnored(Backend backend) {
        Http http = Servers.get(backend).http;
        var created = new Fixtures(http).authServer();
        var r = http.patch("/v1/auth-servers/" + created.text("id"), created.json().toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.text("issuer")).isEqualTo(created.text("issuer"));
    }
}
