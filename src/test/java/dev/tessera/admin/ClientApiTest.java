package dev.tessera.admin;

import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.Fixtures;
import dev.tessera.support.Http;
import dev.tessera.support.Servers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

class ClientApiTest {

    @BothBackends
    void createGeneratesIdAndSecretShownOnce(Backend backend) {
        Http http = Servers.get(backend).http;
        Fixtures fx = new Fixtures(http);
        String as = fx.authServerId();
        String scope = fx.scope(as, "scope1").text("id");
        var r = http.post("/v1/auth-servers/" + as + "/clients", json("name", "client1",
                "grant_types", List.of("client_credentials"), "allow_all_scopes", false, "allow_scopes", List.of(scope),
                "access_token_duration", 3600, "id_token_duration", 3600, "response_types", List.of("id_token", "token")));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        var b = r.json();
        assertThat(b.path("id").asText()).matches("[a-z0-9]{20}");
        assertThat(b.path("client_secret").asText()).matches("[A-Za-z0-9]{36}");
        assertThat(b.path("token_endpoint_auth_method").asText()).isEqualTo("client_secret_post");
        assertThat(b.path("login_uri").isNull()).isTrue();
        assertThat(b.path("redirect_uris").isArray()).isTrue();
        assertThat(b.path("labels").isObject()).isTrue();
        assertThat(b.path("access_token_duration").asInt()).isEqualTo(3600);
        assertThat(b.path("allow_scopes").get(0).asText()).isEqualTo(scope);

        var fetched = http.get("/v1/auth-servers/" + as + "/clients/" + b.path("id").asText());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json().has("client_secret")).isFalse();
        var list = http.get("/v1/auth-servers/" + as + "/clients");
        assertThat(list.body()).doesNotContain(b.path("client_secret").asText());
    }

    @BothBackends
    void defaultsApplyWhenFieldsAreOmitted(Backend backend) {
        Http http = Servers.get(backend).http;
        String as = new Fixtures(http).authServerId();
        var b = http.post("/v1/auth-servers/" + as + "/clients", json("name", "c", "grant_types",
                List.of("client_credentials"), "response_types", List.of("token"))).json();
        assertThat(b.path("access_token_duration").asInt()).isEqualTo(300);
        assertThat(b.path("id_token_duration").asInt()).isEqualTo(300);
        assertThat(b.path("allow_all_scopes").asBoolean()).isFalse();
        assertThat(b.path("allow_scopes").size()).isZero();
    }

    @BothBackends
    void clientFieldsAreValidated(Backend backend) {
        Http http = Servers.get(backend).http;
        String base = "/v1/auth-servers/" + new Fixtures(http).authServerId() + "/clients";
        assertThat(Violations.of(http.post(base, "{}"))).containsEntry("name", "required")
                .containsEntry("grant_types", "required").containsEntry("response_types", "required");
        var bad = http.post(base, json("name", "c", "grant_types", List.of("password"), "response_types", List.of(),
                "access_token_duration", 59, "id_token_duration", 2592001, "redirect_uris",
                List.of("http://example.com/cb", "https://ok.example.com/cb#frag", "relative/path"),
                "login_uri", "ftp://x", "token_endpoint_auth_method", "tls_client_auth", "allow_all_scopes", 1,
                "allow_scopes", List.of("x"), "client_secret", "mine"));
        assertThat(Violations.of(bad))
                .containsEntry("grant_types", "enum")
                .containsEntry("response_types", "min_items")
                .containsEntry("access_token_duration", "min")
                .containsEntry("id_token_duration", "max")
                .containsEntry("redirect_uris[0]", "invalid")
                .containsEntry("redirect_uris[1]", "invalid")
                .containsEntry("redirect_uris[2]", "invalid")
                .containsEntry("login_uri", "invalid")
                .containsEntry("token_endpoint_auth_method", "enum")
                .containsEntry("allow_all_scopes", "is_boolean")
                .containsEntry("allow_scopes[0]", "invalid")
                .containsEntry("client_secret", "unknown_property");
        assertThat(Violations.find(bad, "access_token_duration").path("minimum").asInt()).isEqualTo(60);
        var ok = http.post(base, json("name", "loopback", "grant_types", List.of("authorization_code"),
                "response_types", List.of("code"), "redirect_uris", List.of("http://127.0.0.1:8000/cb", "https://app.example.com/cb"),
                "login_uri", "https://login.example.com", "token_endpoint_auth_method", "client_secret_basic"));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
    }

    @BothBackends
    void patchUpdatesFieldsLabelsAndSecret(Backend backend) {
        Http http = Servers.get(backend).http;
        Fixtures fx = new Fixtures(http);
        String as = fx.authServerId();
        var created = http.post("/v1/auth-servers/" + as + "/clients", json("name", "c", "grant_types",
                List.of("client_credentials"), "response_types", List.of("token"), "labels", Map.of("a", "1", "b", "2"),
                "login_uri", "https://login.example.com"));
        String path = "/v1/auth-servers/" + as + "/clients/" + created.text("id");
        Map<String, Object> labels = new HashMap<>();
        labels.put("a", null);
        labels.put("c", "3");
        var r = http.patch(path, json("name", "renamed", "labels", labels, "login_uri", null, "access_token_duration", 600,
                "client_secret", "operator-chosen-secret"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.text("name")).isEqualTo("renamed");
        assertThat(r.json().path("labels")).isEqualTo(Http.JSON.valueToTree(Map.of("b", "2", "c", "3")));
        assertThat(r.json().path("login_uri").isNull()).isTrue();
        assertThat(r.json().path("access_token_duration").asInt()).isEqualTo(600);
        assertThat(r.json().has("client_secret")).isFalse();
        assertThat(r.json().path("grant_types").get(0).asText()).isEqualTo("client_credentials");
        var secrets = http.get(path + "/secrets");
        assertThat(secrets.json().path("meta").path("page").path("total").asInt()).isEqualTo(1);
        assertThat(http.patch(path, json("grant_types", List.of())).status()).isEqualTo(400);
    }

    @BothBackends
    void putCreatesWithGivenIdAndSecretThenReplaces(Backend backend) {
        Http http = Servers.get(backend).http;
        Fixtures fx = new Fixtures(http);
        String as = fx.authServerId();
        String scope = fx.scope(as, "s").text("id");
        String path = "/v1/auth-servers/" + as + "/clients/legacy-client_42";
        var created = http.put(path, json("name", "Replace Client", "client_secret", "SecretPassword",
                "grant_types", List.of("client_credentials"), "response_types", List.of("token"),
                "allow_scopes", List.of(scope), "labels", Map.of("env", "prod")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("id")).isEqualTo("legacy-client_42");
        assertThat(created.text("client_secret")).isEqualTo("SecretPassword");

        var replaced = http.put(path, json("name", "Replaced", "client_secret", "NewSecret",
                "grant_types", List.of("client_credentials"), "response_types", List.of("token")));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.text("name")).isEqualTo("Replaced");
        assertThat(replaced.json().path("allow_scopes").size()).isZero();
        assertThat(replaced.json().path("labels").size()).isZero();
        assertThat(replaced.text("created_at")).isEqualTo(created.text("created_at"));
        assertThat(http.get(path + "/secrets").json().path("meta").path("page").path("total").asInt()).isEqualTo(1);

        assertThat(Violations.of(http.put(path, json("name", "x", "grant_types", List.of("client_credentials"),
                "response_types", List.of("token"))))).containsEntry("client_secret", "required");
        var badId = http.put("/v1/auth-servers/" + as + "/clients/" + "x".repeat(37), json("name", "y",
                "client_secret", "s", "grant_types", List.of("client_credentials"), "response_types", List.of("token")));
        assertThat(Violations.of(badId)).containsEntry("clientId", "matches_regex");
    }

    @BothBackends
    void duplicateClientNameIsAConflictAndOtherServersAreSeparate(Backend backend) {
        Http http = Servers.get(backend).http;
        Fixtures fx = new Fixtures(http);
        String a = fx.authServerId();
        String b = fx.authServerId();
        String id = fx.client(a, "same", List.of()).text("id");
        var dup = http.post("/v1/auth-servers/" + a + "/clients", json("name", "same", "grant_types",
                List.of("client_credentials"), "response_types", List.of("token")));
        assertThat(dup.status()).isEqualTo(409);
        fx.client(b, "same", List.of());
        assertThat(http.get("/v1/auth-servers/" + b + "/clients/" + id).status()).isEqualTo(404);
        assertThat(http.get("/v1/auth-servers/" + a + "/clients/has%20space").status()).isEqualTo(404);
        assertThat(http.delete("/v1/auth-servers/" + a + "/clients/" + id).status()).isEqualTo(204);
        assertThat(http.get("/v1/auth-servers/" + a + "/clients/" + id).status()).isEqualTo(404);
    }
}
