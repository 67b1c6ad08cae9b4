package dev.tessera.admin;

import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.Http;
import dev.tessera.support.Servers;
import dev.tessera.support.TestServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;

import static dev.tessera.support.Fixtures.unique;
import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Authentication, content negotiation, limits and error shapes that apply to every /v1 route. */
class RequestHandlingTest {

    @BothBackends
    void missingOrWrongAdminTokenIs401WithoutDetails(Backend backend) {
        Http http = Servers.get(backend).http;
        for (var req : new HttpRequest.Builder[]{
                http.request("/v1/auth-servers").GET(),
                http.request("/v1/auth-servers").header("Authorization", "Bearer wrong").GET(),
                http.request("/v1/auth-servers").header("Authorization", "Basic dGVzdDp0ZXN0").GET(),
                http.request("/v1/auth-servers/00000000-0000-0000-0000-000000000000").DELETE(),
                http.request("/v1/nothing-here").GET()}) {
            var r = http.send(req);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(r.json().path("detail").asText()).isEqualTo("A valid admin token is required");
            assertThat(r.json().path("instance").asText()).matches("tessera:trace:\\d+");
        }
        var lower = http.send(http.request("/v1/auth-servers").header("Authorization", "bearer " + TestServer.ADMIN_TOKEN).GET());
        assertThat(lower.status()).isEqualTo(200);
    }

    @BothBackends
    void nonJsonBodiesAreRefused(Backend backend) {
        Http http = Servers.get(backend).http;
        var text = http.send(http.admin("/v1/auth-servers").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"audience\":\"y\"}")));
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.header("Content-Type")).startsWith("application/problem+json");
        var none = http.send(http.admin("/v1/auth-servers").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(none.status()).isEqualTo(415);
        var charset = http.send(http.admin("/v1/auth-servers").header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json("name", unique("cs"), "audience", "a"))));
        assertThat(charset.status()).isEqualTo(201);

        assertThat(Violations.of(http.post("/v1/auth-servers", "{\"name\": "))).containsEntry("body", "invalid");
        assertThat(Violations.of(http.post("/v1/auth-servers", "[1, 2]"))).containsEntry("body", "is_object");
        assertThat(Violations.of(http.post("/v1/auth-servers", "\"text\""))).containsEntry("body", "is_object");
        assertThat(Violations.of(http.post("/v1/auth-servers", ""))).containsEntry("body", "required");
        assertThat(Violations.of(http.post("/v1/auth-servers", "{\"name\":\"a\",\"name\":\"b\",\"audience\":\"x\"}")))
                .containsEntry("body", "invalid");
        var deep = "[".repeat(100) + "]".repeat(100);
        assertThat(http.post("/v1/auth-servers", "{\"name\":" + deep + "}").status()).isEqualTo(400);
    }

    @BothBackends
    void oversizedBodiesAre413(Backend backend) {
        Http http = Servers.get(backend).http;
        String big = json("name", unique("big"), "audience", "a", "description", "x".repeat(300 * 1024));
        var r = http.post("/v1/auth-servers", big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().path("title").asText()).isEqualTo("Content Too Large");
        assertThat(r.json().path("detail").asText()).isEqualTo("Request body is larger than 262144 bytes");
    }

    @BothBackends
    void unknownRoutesAndMethodsAreProblems(Backend backend) {
        Http http = Servers.get(backend).http;
        var notFound = http.get("/v1/unknown");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.header("Content-Type")).startsWith("application/problem+json");
        var method = http.send(http.admin("/v1/auth-servers").PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.body()).doesNotContain("Exception").doesNotContain("at dev.");
        assertThat(Violations.of(http.get("/v1/auth-servers/123"))).containsEntry("authServerId", "is_uuid");
    }

    @BothBackends
    void healthAndMetricsAreServed(Backend backend) {
        Http http = Servers.get(backend).http;
        var live = http.send(http.request("/health/live").GET());
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.text("status")).isEqualTo("ok");
        var ready = http.send(http.request("/health/ready").GET());
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.text("database")).isEqualTo("ok");
        http.get("/v1/auth-servers");
        var metrics = http.send(http.request("/metrics").GET());
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/v1/auth-servers\",status=\"200\"");
        assertThat(metrics.body()).contains("http_server_requests_seconds_count");
    }

    @Test
    void everyResponseCarriesATraceId() {
        var r = Servers.get(Backend.SQLITE).http.get("/v1/auth-servers");
        assertThat(r.header("X-Trace-Id")).matches("\\d+");
    }
}
