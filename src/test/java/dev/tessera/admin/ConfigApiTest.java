package dev.tessera.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.Fixtures;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;
import dev.tessera.support.TestServer;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/config:plan}, {@code /v1/config:apply} and {@code /v1/config}: declarative configuration over HTTP. */
class ConfigApiTest {

    static Http.Response send(Http http, String path, String contentType, String body) {
        return http.send(http.admin(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Http.Response yaml(Http http, String path, String yaml) {
        return send(http, path, "application/yaml", yaml);
    }

    private static String file(String server, String description, String extraScope, String secret) {
        return """
                format_version: 1
                auth_servers:
                  - name: %s
                    audience: https://api.test/orders
                    description: %s
                    labels: {team: orders, tier: gold}
                    scopes:
                      - name: orders:read
                        default: true
                      - name: orders:write
                %s
                    claims:
                      - name: tenant
                        value: acme
                        include_in_token: true
                        include_in_scopes: [orders:write]
                    clients:
                      - name: shipping
                        grant_types: [client_credentials]
                        response_types: [token]
                        allow_scopes: [orders:read, orders:write]
                        client_secret: "%s"
                """.formatted(server, description, extraScope, secret);
    }

    private static List<String> changes(JsonNode plan) {
        List<String> out = new ArrayList<>();
        plan.path("changes").forEach(c -> out.add(c.path("action").asText() + " " + c.path("resource_type").asText()
                + " " + c.path("name").asText()));
        return out;
    }

    @BothBackends
    void applyCreatesByNameAndASecondApplyChangesNothing(Backend backend) {
        Http http = Servers.get(backend).http;
        String name = Fixtures.unique("orders");
        String secret = "shipping-secret-" + Fixtures.unique("s");
        String file = file(name, "Orders", "", secret);

        var applied = yaml(http, "/v1/config:apply", file);
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        assertThat(applied.json().path("applied").asBoolean()).isTrue();
        assertThat(changes(applied.json())).containsExactly("create auth_server " + name, "create scope orders:read",
                "create scope orders:write", "create claim tenant", "create client shipping");
        assertThat(applied.json().path("summary").path("create").asInt()).isEqualTo(5);
        assertThat(applied.body()).doesNotContain(secret);

        var again = yaml(http, "/v1/config:apply", file);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("applied").asBoolean()).isFalse();
        assertThat(again.json().path("changes").size()).isZero();

        // What was made is what the API shows, and the client's secret is the one the file named.
        String as = http.get("/v1/auth-servers?filter[name]=" + name).json().path("data").get(0).path("id").asText();
        var scopes = http.get("/v1/auth-servers/" + as + "/scopes?sort=name").json().path("data");
        var client = http.get("/v1/auth-servers/" + as + "/clients").json().path("data").get(0);
        var claim = http.get("/v1/auth-servers/" + as + "/claims").json().path("data").get(0);
        assertThat(claim.path("include_in_scopes").get(0).asText()).isEqualTo(scopes.get(1).path("id").asText());
        assertThat(client.path("allow_scopes")).hasSize(2);
        String issuer = http.get("/v1/auth-servers/" + as).text("issuer");
        var token = http.send(http.request(issuer + "/oauth/token").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(OAuthFixture.form("grant_type", "client_credentials",
                        "client_id", client.path("id").asText(), "client_secret", secret, "scope", "orders:write"))));
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        assertThat(OAuthFixture.part(token.text("access_token"), 1).path("tenant").asText()).isEqualTo("acme");

        // Each object was audited as the request that would have made it, in the apply's transaction.
        var events = http.get("/v1/audit-events?page[size]=100&filter[auth_server_id]=" + as).json().path("data");
        List<String> audited = new ArrayList<>();
        events.forEach(e -> audited.add(e.path("method").asText() + " " + e.path("resource_type").asText()));
        assertThat(audited).containsExactly("POST auth_server", "POST scope", "POST scope", "POST claim", "POST client");
        assertThat(events.toString()).doesNotContain(secret);
    }

    @BothBackends
    void aPlanListsFieldChangesAndChangesNothing(Backend backend) {
        Http http = Servers.get(backend).http;
        String name = Fixtures.unique("orders");
        String secret = "shipping-secret-" + Fixtures.unique("s");
        assertThat(yaml(http, "/v1/config:apply", file(name, "Orders", "", secret)).status()).isEqualTo(200);
        String changed = file(name, "Orders and returns", "      - name: returns:read", "another-" + secret)
                .replace("labels: {team: orders, tier: gold}", "labels: {team: orders}");

        var plan = yaml(http, "/v1/config:plan", changed);
        assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
        assertThat(plan.json().path("applied").asBoolean()).isFalse();
        assertThat(changes(plan.json())).containsExactly("update auth_server " + name, "create scope returns:read",
                "update client shipping");
        JsonNode server = plan.json().path("changes").get(0).path("fields");
        assertThat(server.toString()).contains("\"field\":\"description\",\"from\":\"Orders\",\"to\":\"Orders and returns\"");
        assertThat(server.get(1).path("field").asText()).isEqualTo("labels");
        assertThat(server.get(1).path("from").path("tier").asText()).isEqualTo("gold");
        assertThat(server.get(1).path("to").has("tier")).isFalse();
        JsonNode secretChange = plan.json().path("changes").get(2).path("fields").get(0);
        assertThat(secretChange.path("field").asText()).isEqualTo("client_secret");
        assertThat(secretChange.path("to").asText()).isEqualTo("[REDACTED]");
        assertThat(plan.body()).doesNotContain(secret);

        var as = http.get("/v1/auth-servers?filter[name]=" + name).json().path("data").get(0);
        assertThat(as.path("description").asText()).isEqualTo("Orders");
        assertThat(as.path("labels").path("tier").asText()).isEqualTo("gold");

        var applied = yaml(http, "/v1/config:apply", changed);
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        var after = http.get("/v1/auth-servers/" + as.path("id").asText()).json();
        assertThat(after.path("description").asText()).isEqualTo("Orders and returns");
        assertThat(after.path("labels").toString()).isEqualTo("{\"team\":\"orders\"}");
        assertThat(yaml(http, "/v1/config:plan", changed).json().path("changes").size()).isZero();
    }

    @BothBackends
    void objectsMissingFromTheFileAreDeletedOnlyWithPrune(Backend backend) {
        try (TestServer server = TestServer.start(backend)) {
            Http http = server.http;
            String secret = "s-" + Fixtures.unique("s");
            assertThat(yaml(http, "/v1/config:apply", file("orders", "O", "      - name: returns:read", secret)).status())
                    .isEqualTo(200);
            String as = http.get("/v1/auth-servers").json().path("data").get(0).path("id").asText();
            new Fixtures(http).authServer(); // made outside the file
            String without = file("orders", "O", "", secret);

            var plan = yaml(http, "/v1/config:apply", without);
            assertThat(plan.json().path("changes").size()).as(plan.toString()).isZero();
            assertThat(plan.json().path("summary").path("unmanaged").asInt()).isEqualTo(2);
            assertThat(http.get("/v1/auth-servers/" + as + "/scopes").json().path("data")).hasSize(3);

            var pruned = yaml(http, "/v1/config:apply?prune=true", without);
            assertThat(pruned.status()).as(pruned.toString()).isEqualTo(200);
            assertThat(changes(pruned.json())).hasSize(2).contains("delete scope returns:read");
            assertThat(pruned.json().path("changes").get(1).path("action").asText()).isEqualTo("delete");
            assertThat(pruned.json().path("changes").get(1).path("resource_type").asText()).isEqualTo("auth_server");
            assertThat(http.get("/v1/auth-servers").json().path("data")).hasSize(1);
            assertThat(http.get("/v1/auth-servers/" + as + "/scopes").json().path("data")).hasSize(2);
            assertThat(Violations.of(yaml(http, "/v1/config:plan?prune=yes", without))).containsEntry("prune", "enum");
        }
    }

    @BothBackends
    void aBadFileIsRefusedWholeWithEveryProblemListed(Backend backend) {
        Http http = Servers.get(backend).http;
        String name = Fixtures.unique("bad");
        String file = """
                auth_servers:
                  - name: %s
                    audience: https://api.test
                    colour: blue
                    scopes:
                      - name: fine
                      - name: twice
                      - name: twice
                    claims:
                      - name: sub
                        value: x
                    clients:
                      - name: c
                        grant_types: [bogus]
                        response_types: [token]
                        allow_scopes: [fine, nowhere]
                        client_secret: ${env:NOT_RESOLVED}
                """.formatted(name);

        var r = yaml(http, "/v1/config:apply", file);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().path("detail").asText()).contains("nothing was changed");
        assertThat(Violations.of(r)).containsEntry("auth_servers[0].colour", "unknown_property")
                .containsEntry("auth_servers[0].scopes[2].name", "invalid")
                .containsEntry("auth_servers[0].claims[0].name", "invalid")
                .containsEntry("auth_servers[0].clients[0].grant_types", "enum")
                .containsEntry("auth_servers[0].clients[0].allow_scopes[1]", "missing_reference")
                .containsEntry("auth_servers[0].clients[0].client_secret", "invalid")
                .hasSize(6);
        assertThat(http.get("/v1/auth-servers?filter[name]=" + name).json().path("data")).isEmpty();

        assertThat(Violations.of(yaml(http, "/v1/config:plan", "auth_servers: {}"))).containsEntry("auth_servers", "is_array");
        assertThat(Violations.of(yaml(http, "/v1/config:plan", "servers: []"))).containsEntry("servers", "unknown_property")
                .containsEntry("auth_servers", "required");
        assertThat(Violations.of(yaml(http, "/v1/config:plan", "auth_servers: [\n"))).containsEntry("body", "invalid");
        assertThat(send(http, "/v1/config:plan", "text/plain", "auth_servers: []").status()).isEqualTo(415);
    }

    @BothBackends
    void aFailureDuringTheApplyRollsBackEveryChange(Backend backend) {
        Http http = Servers.get(backend).http;
        String name = Fixtures.unique("rollback");
        // Each claim is valid on its own, but together they would make tokens too long, which only the
        // service finds, inside the transaction, after the auth server and scope were created.
        StringBuilder claims = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            claims.append("      - {name: big").append(i).append(", value: ").append("x".repeat(4000))
                    .append(", include_in_token: true, include_in_all_scopes: true}\n");
        }
        String file = """
                auth_servers:
                  - name: %s
                    audience: https://api.test
                    scopes: [{name: read}]
                    claims:
                %s""".formatted(name, claims);
        var r = yaml(http, "/v1/config:apply", file);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(Violations.of(r)).hasSize(1).hasEntrySatisfying(r.json().path("invalid_parameters").get(0)
                .path("field").asText(), rule -> assertThat(rule).isEqualTo("invalid"));
        assertThat(r.json().path("invalid_parameters").get(0).path("field").asText())
                .matches("auth_servers\\[0]\\.claims\\[[1-3]]\\.value");
        assertThat(http.get("/v1/auth-servers?filter[name]=" + name).json().path("data")).isEmpty();
        assertThat(http.get("/v1/audit-events?filter[resource_type]=auth_server&filter[method]=POST&page[size]=100").body())
                .doesNotContain(name);
    }

    @BothBackends
    void aReadOnlyTokenMayPlanButNotApply(Backend backend) {
        Http admin = Servers.get(backend).http;
        var created = admin.post("/v1/admin-tokens", json("name", Fixtures.unique("ci"), "read_only", true));
        Http ci = new Http(Servers.get(backend).baseUrl(), created.text("token"));
        String file = file(Fixtures.unique("ro"), "x", "", "secret-" + Fixtures.unique("s"));
        var plan = yaml(ci, "/v1/config:plan", file);
        assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
        assertThat(plan.json().path("summary").path("create").asInt()).isEqualTo(5);
        assertThat(yaml(ci, "/v1/config:apply", file).status()).isEqualTo(403);
        // JSON works as well as YAML.
        var asJson = send(ci, "/v1/config:plan", "application/json", "{\"auth_servers\": []}");
        assertThat(asJson.status()).as(asJson.toString()).isEqualTo(200);
        assertThat(admin.get("/v1/audit-events?page[size]=100&filter[admin_token_id]=" + created.text("id"))
                .json().path("data")).isEmpty();
    }

    @BothBackends
    void theExportIsTheFileFormatWithoutIdsOrSecrets(Backend backend) {
        try (TestServer server = TestServer.start(backend)) {
            Http http = server.http;
            OAuthFixture fx = new OAuthFixture(server, "https://api.test", "read", "write");
            fx.claim("team", "blue", Map.of("include_in_token", true, "include_in_scopes", List.of(fx.scopeIds.get("write"))));
            fx.client(List.of("read", "write"), Map.of("labels", Map.of("owner", "me")));

            var export = http.get("/v1/config");
            assertThat(export.status()).as(export.toString()).isEqualTo(200);
            JsonNode as = export.json().path("auth_servers").get(0);
            assertThat(export.json().path("format_version").asInt()).isEqualTo(1);
            assertThat(as.has("id")).isFalse();
            assertThat(as.has("issuer")).isFalse();
            assertThat(as.path("audience").asText()).isEqualTo("https://api.test");
            assertThat(as.path("claims").get(0).path("include_in_scopes").toString()).isEqualTo("[\"write\"]");
            JsonNode client = as.path("clients").get(0);
            assertThat(client.has("id")).isFalse();
            assertThat(client.has("client_secret")).isFalse();
            assertThat(client.path("allow_scopes").toString()).isEqualTo("[\"read\",\"write\"]");
            assertThat(export.body()).doesNotContain(fx.clientSecret).doesNotContain(fx.clientId)
                    .doesNotContain("created_at");
            // Applied back to the same server, the export changes nothing.
            var plan = send(http, "/v1/config:plan?prune=true", "application/json", export.body());
            assertThat(plan.json().path("changes").size()).as(plan.toString()).isZero();
        }
    }
}
