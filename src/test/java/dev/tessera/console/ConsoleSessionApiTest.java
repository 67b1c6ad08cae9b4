package dev.tessera.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.Fixtures;
import dev.tessera.support.Http;
import dev.tessera.support.Servers;
import dev.tessera.support.TestServer;

import java.net.http.HttpRequest;
import java.util.List;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The console's session over HTTP: sign-in, the cookie, CSRF on every /v1 call, read-only, sign-out. */
class ConsoleSessionApiTest {

    /** A signed-in console as a browser would hold it: the cookie and the CSRF token. */
    record Signed(String cookie, String csrf, Http.Response response) {
    }

    static Signed signIn(TestServer server, String adminToken) {
        Http.Response r = server.http.send(server.http.request("/console/session").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json("admin_token", adminToken))));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String setCookie = r.header("Set-Cookie");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        return new Signed(cookie, r.text("csrf_token"), r);
    }

    private static Http.Response call(TestServer server, Signed s, String method, String path, String body, String csrf) {
        HttpRequest.Builder b = server.http.request(path).header("Cookie", s.cookie());
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return server.http.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    @BothBackends
    void signInSetsAStrictHttpOnlyCookieAndNoTokenInTheAnswer(Backend backend) {
        TestServer server = Servers.get(backend);
        Signed s = signIn(server, TestServer.ADMIN_TOKEN);

        String setCookie = s.response().header("Set-Cookie");
        assertThat(setCookie).matches("tessera_console=[A-Za-z0-9_-]{43}; Path=/; Max-Age=28800; HttpOnly; SameSite=Strict");
        assertThat(s.response().body()).doesNotContain(TestServer.ADMIN_TOKEN).doesNotContain(s.cookie().substring(16));
        assertThat(s.response().text("admin_token_name")).isEqualTo("TESSERA_ADMIN_TOKEN");
        assertThat(s.response().json().path("read_only").asBoolean()).isFalse();
        assertThat(s.csrf()).matches("[A-Za-z0-9_-]{43}");
        assertThat(s.response().header("Cache-Control")).isEqualTo("no-store");
    }

    @BothBackends
    void aWrongOrMissingAdminTokenOpensNoSession(Backend backend) {
        TestServer server = Servers.get(backend);
        Http.Response wrong = server.http.send(server.http.request("/console/session").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json("admin_token", "tsr_not-a-token"))));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("Set-Cookie")).isNull();

        Http.Response missing = server.http.send(server.http.request("/console/session").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("invalid_parameters").get(0).path("field").asText()).isEqualTo("admin_token");
        assertThat(missing.json().path("invalid_parameters").get(0).path("rule").asText()).isEqualTo("required");
        assertThat(missing.header("Set-Cookie")).isNull();

        // What a cross-site form can send (login CSRF) is not a sign-in.
        Http.Response form = server.http.send(server.http.request("/console/session").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(json("admin_token", TestServer.ADMIN_TOKEN))));
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.header("Set-Cookie")).isNull();
    }

    @BothBackends
    void theCookieWorksOnlyWithTheSessionsCsrfToken(Backend backend) {
        TestServer server = Servers.get(backend);
        Signed s = signIn(server, TestServer.ADMIN_TOKEN);
        Signed other = signIn(server, TestServer.ADMIN_TOKEN);
        String create = json("name", Fixtures.unique("console"), "audience", "https://api.example.com");

        for (String method : List.of("GET", "POST")) {
            String body = method.equals("POST") ? create : null;
            assertThat(call(server, s, method, "/v1/auth-servers", body, null).status()).as(method + " without").isEqualTo(403);
            assertThat(call(server, s, method, "/v1/auth-servers", body, "x".repeat(43)).status()).as(method + " wrong").isEqualTo(403);
            assertThat(call(server, s, method, "/v1/auth-servers", body, other.csrf()).status()).as(method + " other's").isEqualTo(403);
        }
        Http.Response refused = call(server, s, "POST", "/v1/auth-servers", create, null);
        assertThat(refused.json().path("detail").asText()).contains("X-CSRF-Token");
        assertThat(server.http.get("/v1/auth-servers?filter[name]=" + Http.JSON.valueToTree(create).path("name")).body())
                .doesNotContain("console-");

        Http.Response created = call(server, s, "POST", "/v1/auth-servers", create, s.csrf());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(call(server, s, "GET", "/v1/auth-servers/" + created.text("id"), null, s.csrf()).status()).isEqualTo(200);
    }

    @BothBackends
    void auditEventsNameTheAdminTokenBehindTheSession(Backend backend) {
        TestServer server = Servers.get(backend);
        Http.Response token = server.http.post("/v1/admin-tokens", json("name", Fixtures.unique("operator")));
        Signed s = signIn(server, token.text("token"));
        Http.Response created = call(server, s, "POST", "/v1/auth-servers",
                json("name", Fixtures.unique("audited"), "audience", "https://api.example.com"), s.csrf());
        assertThat(created.status()).isEqualTo(201);

        Http.Response events = server.http.get("/v1/audit-events?filter[resource_id]=" + created.text("id"));
        assertThat(events.json().path("data").get(0).path("admin_token_id").asText()).isEqualTo(token.text("id"));
        assertThat(events.json().path("data").get(0).path("admin_token_name").asText()).isEqualTo(token.text("name"));

        assertThat(call(server, s, "DELETE", "/console/session", null, s.csrf()).status()).isEqualTo(204);
        Http.Response sessions = server.http.get("/v1/audit-events?filter[resource_type]=console_session&filter[admin_token_id]="
                + token.text("id"));
        assertThat(sessions.json().path("data")).hasSize(2);
        JsonNode signIn = sessions.json().path("data").get(0);
        JsonNode signOut = sessions.json().path("data").get(1);
        assertThat(signIn.path("method").asText() + " " + signIn.path("path").asText() + " " + signIn.path("status").asInt())
                .isEqualTo("POST /console/session 201");
        assertThat(signOut.path("method").asText() + " " + signOut.path("status").asInt()).isEqualTo("DELETE 204");
        assertThat(sessions.body()).doesNotContain(s.cookie().substring(16)).doesNotContain(token.text("token"));
    }

    @BothBackends
    void aReadOnlyTokenGivesAReadOnlySession(Backend backend) {
        TestServer server = Servers.get(backend);
        Http.Response token = server.http.post("/v1/admin-tokens", json("name", Fixtures.unique("viewer"), "read_only", true));
        Signed s = signIn(server, token.text("token"));
        assertThat(s.response().json().path("read_only").asBoolean()).isTrue();

        assertThat(call(server, s, "GET", "/v1/auth-servers", null, s.csrf()).status()).isEqualTo(200);
        Http.Response write = call(server, s, "POST", "/v1/auth-servers",
                json("name", Fixtures.unique("nope"), "audience", "https://api.example.com"), s.csrf());
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.json().path("detail").asText()).isEqualTo("This admin token is read-only");
    }

    @BothBackends
    void signOutAndRevokingTheAdminTokenEndTheSession(Backend backend) {
        TestServer server = Servers.get(backend);
        Signed s = signIn(server, TestServer.ADMIN_TOKEN);
        assertThat(call(server, s, "DELETE", "/console/session", null, null).status()).as("sign-out needs CSRF").isEqualTo(403);
        assertThat(call(server, s, "GET", "/console/session", null, null).status()).isEqualTo(200);

        Http.Response out = call(server, s, "DELETE", "/console/session", null, s.csrf());
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.header("Set-Cookie")).startsWith("tessera_console=; Path=/; Max-Age=0;");
        assertThat(call(server, s, "GET", "/console/session", null, null).status()).isEqualTo(401);
        assertThat(call(server, s, "GET", "/v1/auth-servers", null, s.csrf()).status()).isEqualTo(401);

        Http.Response token = server.http.post("/v1/admin-tokens", json("name", Fixtures.unique("short-lived")));
        Signed t = signIn(server, token.text("token"));
        assertThat(call(server, t, "GET", "/v1/auth-servers", null, t.csrf()).status()).isEqualTo(200);
        assertThat(server.http.delete("/v1/admin-tokens/" + token.text("id")).status()).isEqualTo(204);
        assertThat(call(server, t, "GET", "/v1/auth-servers", null, t.csrf()).status()).isEqualTo(401);
    }

    @BothBackends
    void signingInAgainEndsTheBrowsersPreviousSession(Backend backend) {
        TestServer server = Servers.get(backend);
        Signed first = signIn(server, TestServer.ADMIN_TOKEN);
        Http.Response again = server.http.send(server.http.request("/console/session").header("Content-Type", "application/json")
                .header("Cookie", first.cookie()).POST(HttpRequest.BodyPublishers.ofString(json("admin_token", TestServer.ADMIN_TOKEN))));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Set-Cookie")).doesNotStartWith(first.cookie() + ";");
        assertThat(call(server, first, "GET", "/console/session", null, null).status()).isEqualTo(401);
    }

    @BothBackends
    void aReloadedPageGetsItsCsrfTokenBackFromTheCookie(Backend backend) {
        TestServer server = Servers.get(backend);
        Signed s = signIn(server, TestServer.ADMIN_TOKEN);
        Http.Response current = call(server, s, "GET", "/console/session", null, null);
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.text("csrf_token")).isEqualTo(s.csrf());
        assertThat(server.http.send(server.http.request("/console/session")).status()).isEqualTo(401);
    }

    @BothBackends
    void consolePagesCarryAStrictContentSecurityPolicy(Backend backend) {
        TestServer server = Servers.get(backend);
        for (String path : List.of("/console", "/console/assets/js/main.js", "/console/assets/console.css")) {
            Http.Response r = server.http.send(server.http.request(path));
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.header("Content-Security-Policy")).as(path)
                    .contains("default-src 'self'").contains("script-src 'self';").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
        assertThat(server.http.send(server.http.request("/console")).body()).doesNotContain("<script>").contains("type=\"module\"");
        assertThat(server.http.send(server.http.request("/console/assets/..%2Fconsole%2Findex.html")).status()).isIn(400, 404);
        assertThat(server.http.send(server.http.request("/console/assets/js/nothing.js")).status()).isEqualTo(404);
    }

    @org.junit.jupiter.api.Test
    void theConsoleGoesWithTheManagementListenerAndItsCookieIsSecureBehindHttps() {
        try (TestServer server = TestServer.start(Backend.SQLITE, java.util.Map.of("TESSERA_ADMIN_PORT", "0",
                "TESSERA_PUBLIC_URL", "https://id.example.com"))) {
            assertThat(server.http.send(server.http.request("/console")).status()).isEqualTo(200);
            assertThat(server.http.send(server.http.request(server.baseUrl() + "/console")).status()).isEqualTo(404);
            assertThat(server.http.send(server.http.request(server.baseUrl() + "/console/assets/js/main.js")).status()).isEqualTo(404);
            Signed s = signIn(server, TestServer.ADMIN_TOKEN);
            assertThat(s.response().header("Set-Cookie")).endsWith("; HttpOnly; SameSite=Strict; Secure");
        }
    }
}
