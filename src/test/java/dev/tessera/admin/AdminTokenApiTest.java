package dev.tessera.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.Fixtures;
import dev.tessera.support.Http;
import dev.tessera.support.Servers;
import dev.tessera.support.TestServer;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

class AdminTokenApiTest {

    private static Http as(Backend backend, String token) {
        return new Http(Servers.get(backend).baseUrl(), token);
    }

    @BothBackends
    void aCreatedTokenIsShownOnceWorksAndIsRevokedAtOnce(Backend backend) {
        Http http = Servers.get(backend).http;
        String name = Fixtures.unique("ci");
        var created = http.post("/v1/admin-tokens", json("name", name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("token")).matches("tsr_[A-Za-z0-9]{40}");
        assertThat(created.text("name")).isEqualTo(name);
        assertThat(created.text("source")).isEqualTo("api");
        assertThat(created.json().path("read_only").asBoolean()).isFalse();
        assertThat(created.json().path("last_used_at").isNull()).isTrue();
        String id = created.text("id");
        String token = created.text("token");

        Http withIt = as(backend, token);
        assertThat(withIt.post("/v1/auth-servers", json("name", Fixtures.unique("as"), "audience", "a")).status()).isEqualTo(201);

        var got = http.get("/v1/admin-tokens/" + id);
        assertThat(got.status()).isEqualTo(200);
        assertThat(fieldNames(got.json())).containsExactly("created_at", "id", "last_used_at", "name", "read_only", "source");
        assertThat(got.text("last_used_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");

        assertThat(http.delete("/v1/admin-tokens/" + id).status()).isEqualTo(204);
        assertThat(withIt.get("/v1/auth-servers").status()).isEqualTo(401);
        assertThat(http.delete("/v1/admin-tokens/" + id).status()).isEqualTo(404);
        assertThat(http.get("/v1/admin-tokens/" + id).status()).isEqualTo(404);
    }

    @BothBackends
    void listsNeverShowTokenValuesOrHashes(Backend backend) {
        Http http = Servers.get(backend).http;
        String name = Fixtures.unique("lister");
        String token = http.post("/v1/admin-tokens", json("name", name)).text("token");

        var all = http.get("/v1/admin-tokens?page[size]=100");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).doesNotContain(token).doesNotContain(TestServer.ADMIN_TOKEN).doesNotContain("hash")
                .doesNotContain("hmac");
        for (JsonNode t : all.json().path("data")) {
            assertThat(fieldNames(t)).containsExactly("created_at", "id", "last_used_at", "name", "read_only", "source");
        }
        var one = http.get("/v1/admin-tokens?filter[name]=" + name);
        assertThat(one.json().path("meta").path("page").path("total").asInt()).isEqualTo(1);
        assertThat(one.json().path("data").get(0).path("name").asText()).isEqualTo(name);
        assertThat(http.get("/v1/admin-tokens?filter[source]=env").json().path("data").get(0).path("name").asText())
                .isEqualTo("TESSERA_ADMIN_TOKEN");
    }

    @BothBackends
    void aReadOnlyTokenReadsButEveryWriteIsForbidden(Backend backend) {
        Http http = Servers.get(backend).http;
        String as = new Fixtures(http).authServerId();
        var created = http.post("/v1/admin-tokens", json("name", Fixtures.unique("viewer"), "read_only", true));
        assertThat(created.json().path("read_only").asBoolean()).isTrue();
        Http viewer = as(backend, created.text("token"));

        assertThat(viewer.get("/v1/auth-servers/" + as).status()).isEqualTo(200);
        assertThat(viewer.get("/v1/admin-tokens").status()).isEqualTo(200);
        var post = viewer.post("/v1/auth-servers", json("name", Fixtures.unique("as"), "audience", "a"));
        assertThat(post.status()).isEqualTo(403);
        assertThat(post.header("Content-Type")).startsWith("application/problem+json");
        assertThat(post.text("detail")).isEqualTo("This admin token is read-only");
        assertThat(viewer.patch("/v1/auth-servers/" + as, json("description", "x")).status()).isEqualTo(403);
        assertThat(viewer.delete("/v1/auth-servers/" + as).status()).isEqualTo(403);
        assertThat(viewer.delete("/v1/admin-tokens/" + created.text("id")).status()).isEqualTo(403);
        assertThat(viewer.post("/v1/admin-tokens", json("name", "escalate")).status()).isEqualTo(403);
        assertThat(http.get("/v1/auth-servers/" + as).text("description")).isEmpty();
    }

    @BothBackends
    void badRequestsAreRefusedClearly(Backend backend) {
        Http http = Servers.get(backend).http;
        assertThat(Violations.of(http.post("/v1/admin-tokens", "{}"))).containsEntry("name", "required");
        assertThat(Violations.of(http.post("/v1/admin-tokens", json("name", "x", "role", "admin")))).containsKey("role");
        assertThat(Violations.of(http.post("/v1/admin-tokens", json("name", "x", "read_only", "yes"))))
                .containsEntry("read_only", "is_boolean");
        assertThat(Violations.of(http.post("/v1/admin-tokens", json("name", "x".repeat(256))))).containsKey("name");
        assertThat(Violations.of(http.get("/v1/admin-tokens/not-a-uuid"))).containsEntry("adminTokenId", "is_uuid");
        assertThat(http.get("/v1/admin-tokens/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(as(backend, "tsr_unknown").get("/v1/admin-tokens").status()).isEqualTo(401);
        assertThat(Violations.of(http.get("/v1/admin-tokens?filter[token_hash]=x"))).containsKey("filter[token_hash]");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
