package dev.tessera.admin;

import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.Fixtures;
import dev.tessera.support.Http;
import dev.tessera.support.Servers;

import java.util.List;
import java.util.UUID;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

class ScopeAndClaimApiTest {

    @BothBackends
    void scopeLifecycle(Backend backend) {
        Http http = Servers.get(backend).http;
        String as = new Fixtures(http).authServerId();
        String base = "/v1/auth-servers/" + as + "/scopes";
        var created = http.post(base, json("name", "read:things"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("default").asBoolean()).isFalse();
        assertThat(created.json().path("include_in_metadata").asBoolean()).isFalse();
        assertThat(created.json().path("enabled").asBoolean()).isTrue();
        assertThat(created.text("description")).isEmpty();
        String id = created.text("id");

        var patched = http.patch(base + "/" + id, json("default", true, "enabled", false, "description", "d"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().path("default").asBoolean()).isTrue();
        assertThat(patched.json().path("enabled").asBoolean()).isFalse();
        assertThat(patched.text("name")).isEqualTo("read:things");
        assertThat(http.get(base + "/" + id).json()).isEqualTo(patched.json());

        assertThat(http.post(base, json("name", "read:things")).status()).isEqualTo(409);
        assertThat(http.delete(base + "/" + id).status()).isEqualTo(204);
        assertThat(http.get(base + "/" + id).status()).isEqualTo(404);
        assertThat(http.delete(base + "/" + id).status()).isEqualTo(404);
    }

    @BothBackends
    void scopeFieldsAreValidated(Backend backend) {
        Http http = Servers.get(backend).http;
        String base = "/v1/auth-servers/" + new Fixtures(http).authServerId() + "/scopes";
        assertThat(Violations.of(http.post(base, "{}"))).containsEntry("name", "required");
        assertThat(Violations.of(http.post(base, json("name", "has space")))).containsEntry("name", "matches_regex");
        assertThat(Violations.of(http.post(base, json("name", "ok", "default", "yes", "enabled", null))))
                .containsEntry("default", "is_boolean").containsEntry("enabled", "is_boolean");
    }

    @BothBackends
    void scopesOfAnotherAuthServerAreNotFound(Backend backend) {
        Http http = Servers.get(backend).http;
        Fixtures fx = new Fixtures(http);
        String a = fx.authServerId();
        String b = fx.authServerId();
        String scope = fx.scope(a, "s").text("id");
        assertThat(http.get("/v1/auth-servers/" + b + "/scopes/" + scope).status()).isEqualTo(404);
        assertThat(http.patch("/v1/auth-servers/" + b + "/scopes/" + scope, json("enabled", false)).status()).isEqualTo(404);
        assertThat(http.delete("/v1/auth-servers/" + b + "/scopes/" + scope).status()).isEqualTo(404);
        assertThat(http.get("/v1/auth-servers/" + UUID.randomUUID() + "/scopes").status()).isEqualTo(404);
        var malformed = http.get("/v1/auth-servers/" + a + "/scopes/not-a-uuid");
        assertThat(Violations.of(malformed)).containsEntry("scopeId", "is_uuid");
    }

    @BothBackends
    void claimLifecycle(Backend backend) {
        Http http = Servers.get(backend).http;
        Fixtures fx = new Fixtures(http);
        String as = fx.authServerId();
        String s1 = fx.scope(as, "s1").text("id");
        String s2 = fx.scope(as, "s2").text("id");
        String base = "/v1/auth-servers/" + as + "/claims";
        var created = http.post(base, json("name", "claim1", "value", "claim1", "include_in_scopes", List.of(s1, s2)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("include_in_token").asBoolean()).isFalse();
        assertThat(created.json().path("include_in_all_scopes").asBoolean()).isFalse();
        assertThat(created.json().path("enabled").asBoolean()).isTrue();
        assertThat(created.json().path("include_in_scopes").toString()).isEqualTo("[\"" + s1 + "\",\"" + s2 + "\"]");
        String id = created.text("id");

        var patched = http.patch(base + "/" + id, json("value", "{\"a\": 1}", "include_in_token", true,
                "include_in_scopes", List.of(s2)));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.text("value")).isEqualTo("{\"a\": 1}");
        assertThat(patched.json().path("include_in_scopes").size()).isEqualTo(1);

        assertThat(http.post(base, json("name", "claim1", "value", "x")).status()).isEqualTo(409);
        assertThat(http.delete(base + "/" + id).status()).isEqualTo(204);
        assertThat(http.get(base + "/" + id).status()).isEqualTo(404);
    }

    @BothBackends
    void claimFieldsAreValidated(Backend backend) {
        Http http = Servers.get(backend).http;
        Fixtures fx = new Fixtures(http);
        String as = fx.authServerId();
        String other = fx.authServerId();
        String foreignScope = fx.scope(other, "x").text("id");
        String base = "/v1/auth-servers/" + as + "/claims";
        assertThat(Violations.of(http.post(base, "{}"))).containsEntry("name", "required").containsEntry("value", "required");
        for (String reserved : List.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "client_id", "scope")) {
            assertThat(Violations.of(http.post(base, json("name", reserved, "value", "v")))).containsEntry("name", "invalid");
        }
        assertThat(Violations.of(http.post(base, json("name", "c", "value", ""))))
                .containsEntry("value", "min_length");
        assertThat(Violations.of(http.post(base, json("name", "c", "value", "v", "include_in_scopes", List.of("nope")))))
                .containsEntry("include_in_scopes[0]", "invalid");
        var missing = http.post(base, json("name", "c", "value", "v", "include_in_scopes", List.of(foreignScope)));
        assertThat(Violations.of(missing)).containsEntry("include_in_scopes[0]", "missing_reference");
        assertThat(Violations.of(http.post(base, json("name", "c", "value", "v", "include_in_token", "true"))))
                .containsEntry("include_in_token", "is_boolean");
    }

    @BothBackends
    void deletingAScopeRemovesItFromClientsAndClaims(Backend backend) {
        Http http = Servers.get(backend).http;
        Fixtures fx = new Fixtures(http);
        String as = fx.authServerId();
        String keep = fx.scope(as, "keep").text("id");
        String gone = fx.scope(as, "gone").text("id");
        String claim = http.post("/v1/auth-servers/" + as + "/claims", json("name", "c", "value", "v",
                "include_in_scopes", List.of(keep, gone))).text("id");
        String client = fx.client(as, "client", List.of(gone, keep)).text("id");

        assertThat(http.delete("/v1/auth-servers/" + as + "/scopes/" + gone).status()).isEqualTo(204);
        assertThat(http.get("/v1/auth-servers/" + as + "/claims/" + claim).json().path("include_in_scopes").toString())
                .isEqualTo("[\"" + keep + "\"]");
        assertThat(http.get("/v1/auth-servers/" + as + "/clients/" + client).json().path("allow_scopes").toString())
                .isEqualTo("[\"" + keep + "\"]");
    }
}
