package dev.tessera.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.CapturedLogs;
import dev.tessera.support.Fixtures;
import dev.tessera.support.Http;
import dev.tessera.support.Servers;

import java.util.ArrayList;
import java.util.List;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

class AuditLogTest {

    private static List<JsonNode> events(Http http, String query) {
        var r = http.get("/v1/audit-events?page[size]=100&" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().path("data").forEach(out::add);
        return out;
    }

    @BothBackends
    void everyChangeIsRecordedWithItsTokenAndWithoutSecrets(Backend backend) {
        Http admin = Servers.get(backend).http;
        String actor = Fixtures.unique("auditor");
        var created = admin.post("/v1/admin-tokens", json("name", actor));
        Http http = new Http(Servers.get(backend).baseUrl(), created.text("token"));
        String putSecret = "put-secret-" + Fixtures.unique("s");
        String addedSecret = "added-secret-" + Fixtures.unique("s");

        try (CapturedLogs logs = new CapturedLogs()) {
            String as = new Fixtures(http).authServerId();
            String clients = "/v1/auth-servers/" + as + "/clients";
            var put = http.put(clients + "/migrated-client", json("name", "migrated", "grant_types", List.of("client_credentials"),
                    "response_types", List.of("token"), "client_secret", putSecret));
            assertThat(put.status()).as(put.toString()).isEqualTo(201);
            assertThat(http.patch(clients + "/migrated-client", json("labels", java.util.Map.of("team", "a"))).status()).isEqualTo(200);
            var secret = http.post(clients + "/migrated-client/secrets", json("secret", addedSecret, "enabled", false));
            assertThat(secret.status()).isEqualTo(201);
            assertThat(http.delete(clients + "/migrated-client").status()).isEqualTo(204);

            List<JsonNode> events = events(admin, "filter[auth_server_id]=" + as);
            assertThat(events).extracting(e -> e.path("method").asText() + " " + e.path("resource_type").asText()
                    + " " + e.path("resource_id").asText())
                    .containsExactly("POST auth_server " + as, "PUT client migrated-client", "PATCH client migrated-client",
                            "POST client_secret " + secret.text("id"), "DELETE client migrated-client");
            assertThat(events).allSatisfy(e -> {
                assertThat(e.path("admin_token_name").asText()).isEqualTo(actor);
                assertThat(e.path("admin_token_id").asText()).isEqualTo(created.text("id"));
                assertThat(e.path("created_at").asText()).endsWith("Z");
                assertThat(e.path("status").asInt()).isBetween(200, 204);
            });
            assertThat(events.get(1).path("changes").path("client_secret").asText()).isEqualTo("[REDACTED]");
            assertThat(events.get(1).path("changes").path("name").asText()).isEqualTo("migrated");
            assertThat(events.get(2).path("changes").path("labels").path("team").asText()).isEqualTo("a");
            assertThat(events.get(3).path("changes").path("secret").asText()).isEqualTo("[REDACTED]");
            assertThat(events.get(3).path("changes").path("enabled").asBoolean(true)).isFalse();
            assertThat(events.get(4).path("changes").isEmpty()).isTrue();
            assertThat(events.get(4).path("path").asText()).isEqualTo(clients + "/migrated-client");

            String listed = admin.get("/v1/audit-events?page[size]=100&filter[auth_server_id]=" + as).body();
            assertThat(listed).doesNotContain(putSecret).doesNotContain(addedSecret);
            assertThat(logs.all()).doesNotContain(putSecret).doesNotContain(addedSecret)
                    .contains(events.get(1).path("id").asText());
            assertThat(logs.lines()).filteredOn(l -> l.startsWith("tessera.audit ")).hasSize(5);
        }
    }

    @BothBackends
    void readsFailuresAndClaimTestsAreNotChanges(Backend backend) {
        Http http = Servers.get(backend).http;
        String as = new Fixtures(http).authServerId();
        String base = "/v1/auth-servers/" + as;
        http.get(base);
        http.get(base + "/scopes");
        assertThat(http.post(base + "/scopes", "{}").status()).isEqualTo(400);
        assertThat(http.patch(base, json("signing_algorithm", "none")).status()).isEqualTo(400);
        String client = new Fixtures(http).client(as, "c", List.of()).text("id");
        assertThat(http.post(base + "/clients/" + client + "/test-claim", json("a", "x")).status()).isEqualTo(200);

        assertThat(events(http, "filter[auth_server_id]=" + as)).extracting(e -> e.path("method").asText() + " "
                + e.path("resource_type").asText()).containsExactly("POST auth_server", "POST client");
    }

    @BothBackends
    void adminTokenChangesAreRecordedWithoutTheTokenValue(Backend backend) {
        Http http = Servers.get(backend).http;
        var created = http.post("/v1/admin-tokens", json("name", Fixtures.unique("temp"), "read_only", true));
        String id = created.text("id");
        assertThat(http.delete("/v1/admin-tokens/" + id).status()).isEqualTo(204);

        List<JsonNode> events = events(http, "filter[resource_type]=admin_token&filter[resource_id]=" + id);
        assertThat(events).extracting(e -> e.path("method").asText()).containsExactly("POST", "DELETE");
        assertThat(events.getFirst().path("admin_token_name").asText()).isEqualTo("TESSERA_ADMIN_TOKEN");
        assertThat(events.getFirst().path("changes").path("read_only").asBoolean()).isTrue();
        assertThat(events.toString()).doesNotContain(created.text("token"));
    }

    @BothBackends
    void aDeleteIsRecordedWithItsQuery(Backend backend) {
        Http http = Servers.get(backend).http;
        String as = new Fixtures(http).authServerId();
        assertThat(http.delete("/v1/auth-servers/" + as + "?force=true").status()).isEqualTo(204);
        List<JsonNode> events = events(http, "filter[auth_server_id]=" + as + "&filter[method]=DELETE");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.path("path").asText()).isEqualTo("/v1/auth-servers/" + as + "?force=true");
            assertThat(e.path("resource_type").asText()).isEqualTo("auth_server");
            assertThat(e.path("resource_id").asText()).isEqualTo(as);
            assertThat(e.path("status").asInt()).isEqualTo(204);
        });
    }

    @BothBackends
    void eventsArePagedFilteredAndSorted(Backend backend) {
        Http http = Servers.get(backend).http;
        Fixtures fx = new Fixtures(http);
        String as = fx.authServerId();
        for (int i = 0; i < 3; i++) {
            fx.scope(as, "s" + i);
        }
        String scopes = "filter[auth_server_id]=" + as + "&filter[resource_type]=scope";
        var page = http.get("/v1/audit-events?page[size]=2&page[number]=2&" + scopes);
        assertThat(page.json().path("meta").path("page").path("total").asInt()).isEqualTo(3);
        assertThat(page.json().path("data").size()).isEqualTo(1);
        assertThat(page.json().path("data").get(0).path("changes").path("name").asText()).isEqualTo("s2");
        var newest = http.get("/v1/audit-events?page[size]=1&sort=created_at%20desc&" + scopes);
        assertThat(newest.json().path("data").get(0).path("changes").path("name").asText()).isEqualTo("s2");
        assertThat(events(http, scopes + "&filter[method]=DELETE")).isEmpty();
        assertThat(events(http, "filter[admin_token_name][contains]=tessera_admin&" + scopes)).hasSize(3);
        assertThat(Violations.of(http.get("/v1/audit-events?filter[changes]=x"))).containsKey("filter[changes]");
        assertThat(Violations.of(http.get("/v1/audit-events?page[size]=101"))).containsEntry("page[size]", "max");
    }
}
