package dev.tessera.openapi;

import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;
import dev.tessera.support.TesseraApiDescription;
import dev.tessera.support.TestServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import static dev.tessera.support.Fixtures.unique;
import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays a session over every operation Tessera serves (and their error answers) and checks each
 * real exchange against Tessera's own description. The rest of the suite is checked the same way
 * as it runs (support/ApiDescriptionCheck); this test makes sure every operation's success answer
 * is among what is checked.
 */
class TesseraOpenApiConformanceTest {
    private static final TesseraApiDescription DESCRIPTION = TesseraApiDescription.get();

    @BothBackends
    void everyOperationAnswersAsDescribed(Backend backend) {
        TestServer server = Servers.get(backend);
        List<Http.Exchange> exchanges = new ArrayList<>();
        Http http = server.http.recording(exchanges::add);

        replay(server, http, exchanges::add);

        List<String> problems = new ArrayList<>();
        Set<String> succeeded = new TreeSet<>();
        for (Http.Exchange e : exchanges) {
            List<String> found = DESCRIPTION.check(e);
            if (!found.isEmpty()) {
                problems.add(e.request().method() + " " + e.request().uri() + " -> " + e.response().status() + ": " + found);
            }
            int status = e.response().status();
            if (status >= 200 && status < 300) {
                DESCRIPTION.find(e.request().method(), e.request().uri().getRawPath().substring(3))
                        .ifPresent(op -> succeeded.add(op.method().toUpperCase() + " " + op.template()));
            }
        }
        assertThat(problems).isEmpty();
        Set<String> served = new TreeSet<>();
        DESCRIPTION.operations().forEach(op -> served.add(op.method().toUpperCase() + " " + op.template()));
        served.removeAll(ApiOperationsExistTest.BUILT_ON_OTHER_BRANCHES);
        assertThat(succeeded).as("operations whose success answer was checked").isEqualTo(served);
    }

    /** The check has teeth: answers the description does not allow are reported. */
    @Test
    void theCheckReportsWhatTheDescriptionDoesNotAllow() {
        String server = """
                {"id": "d32d905a-ed33-46a3-a093-d8f536af9a8a", "name": "n", "description": "", "audience": "a",
                 "signing_algorithm": "RS256", "access_token_typ": "JWT", "key_rotation_period_days": null,
                 "require_pkce": false, "issuer": "http://localhost:1/abc/auth",
                 "metadata_uri": "http://localhost:1/abc/auth/.well-known/openid-configuration",
                 "jwks_uri": "http://localhost:1/abc/auth/.well-known/jwks", "labels": {}, "trusted_origins": [],
                 "created_at": "2026-01-01T00:00:00.000000Z", "updated_at": "2026-01-01T00:00:00.000000Z"%s}""";
        String path = "/auth-servers/d32d905a-ed33-46a3-a093-d8f536af9a8a";
        assertThat(DESCRIPTION.check("GET", path, null, 200, "application/json", server.formatted(""))).isEmpty();

        Map<String, List<String>> refused = new HashMap<>();
        refused.put("a field the description lacks",
                DESCRIPTION.check("GET", path, null, 200, "application/json", server.formatted(", \"slug\": \"abc\"")));
        refused.put("a value outside its enum", DESCRIPTION.check("GET", path, null, 200, "application/json",
                server.formatted("").replace("\"RS256\"", "\"HS256\"")));
        refused.put("a malformed date-time", DESCRIPTION.check("GET", path, null, 200, "application/json",
                server.formatted("").replace("2026-01-01T00:00:00.000000Z\", \"updated_at", "yesterday\", \"updated_at")));
        refused.put("a required field missing", DESCRIPTION.check("GET", path, null, 200, "application/json",
                server.formatted("").replace("\"name\": \"n\", ", "")));
        refused.put("an undocumented status", DESCRIPTION.check("GET", path, null, 418, "application/problem+json",
                "{\"status\": 418}"));
        refused.put("an undocumented content type", DESCRIPTION.check("GET", path, null, 200, "text/html", "<p>"));
        refused.put("a body where none is documented", DESCRIPTION.check("DELETE", path, null, 204, "application/json", "{}"));
        refused.put("a 400 without invalid_parameters", DESCRIPTION.check("POST", "/auth-servers", "{}", 400,
                "application/problem+json", "{\"status\": 400, \"title\": \"Bad Request\", \"type\": "
                        + "\"https://httpstatuses.com/400\", \"detail\": \"d\", \"instance\": \"tessera:trace:1\"}"));
        refused.put("a rule outside Kong's list", DESCRIPTION.check("POST", "/auth-servers", "{}", 400,
                "application/problem+json", "{\"status\": 400, \"title\": \"Bad Request\", \"type\": "
                        + "\"https://httpstatuses.com/400\", \"detail\": \"d\", \"instance\": \"tessera:trace:1\", "
                        + "\"invalid_parameters\": [{\"field\": \"x\", \"rule\": \"unique\", \"reason\": \"r\", \"source\": \"body\"}]}"));
        refused.put("a success of an undocumented operation", DESCRIPTION.check("GET", "/secret-backdoor", null, 200,
                "application/json", "{}"));
        refused.put("an accepted body the description does not allow", DESCRIPTION.check("POST", "/auth-servers",
                "{\"name\": \"n\", \"audience\": \"a\", \"signing_algorithm\": \"none\"}", 201, "application/json",
                server.formatted("")));
        var listAuthServers = DESCRIPTION.find("GET", "/auth-servers").orElseThrow();
        refused.put("an undocumented query parameter", DESCRIPTION.checkQuery(listAuthServers, "limit=5"));
        refused.put("an undocumented filter", DESCRIPTION.checkQuery(listAuthServers, "filter[issuer]=x"));
        refused.put("an undocumented filter operator", DESCRIPTION.checkQuery(listAuthServers, "filter[id][contains]=x"));
        refused.forEach((what, problems) -> assertThat(problems).as(what).isNotEmpty());
        assertThat(DESCRIPTION.checkQuery(listAuthServers, "page%5Bsize%5D=5&sort=-name&filter[name][contains]=a"
                + "&filter[audience]=b&filter[labels]=env:test")).isEmpty();
        // An error answer to an unknown route is fine: nothing is described there.
        assertThat(DESCRIPTION.check("GET", "/secret-backdoor", null, 404, "application/problem+json", "{}")).isEmpty();
    }

    private static void replay(TestServer server, Http http, Consumer<Http.Exchange> record) {
        // API description
        expect(200, http.send(http.request("/v1/openapi.json").GET()));

        // Auth servers
        var created = expect(201, http.post("/v1/auth-servers", json("name", unique("oas"), "audience", "https://api.test",
                "description", "conformance", "labels", Map.of("env", "test"), "trusted_origins", List.of("https://app.test"),
                "access_token_typ", "at+jwt")));
        String as = created.text("id");
        String asPath = "/v1/auth-servers/" + as;
        expect(409, http.post("/v1/auth-servers", json("name", created.text("name"), "audience", "a")));
        expect(400, http.post("/v1/auth-servers", json("audience", "", "signing_algorithm", "HS256")));
        expect(415, http.send(http.admin("/v1/auth-servers").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name=x"))));
        expect(200, http.get("/v1/auth-servers?page[size]=5&page[number]=1&sort=name%20desc"));
        expect(200, http.get("/v1/auth-servers?filter[name][contains]=oas&filter[labels]=env:test"));
        expect(400, http.get("/v1/auth-servers?page[size]=1000"));
        expect(200, http.get(asPath));
        expect(404, http.get("/v1/auth-servers/00000000-0000-0000-0000-000000000000"));
        expect(400, http.get("/v1/auth-servers/not-a-uuid"));
        Map<String, Object> labels = new HashMap<>();
        labels.put("env", null);
        labels.put("tier", "gold");
        expect(200, http.patch(asPath, json("description", "changed", "signing_algorithm", "PS256", "labels", labels)));
        expect(401, http.send(http.request(asPath).GET()));

        // Scopes
        String scopes = asPath + "/scopes";
        String scopeId = expect(201, http.post(scopes, json("name", "read", "default", true))).text("id");
        expect(409, http.post(scopes, json("name", "read")));
        expect(200, http.get(scopes + "?filter[name]=read&sort=created_at"));
        expect(200, http.get(scopes + "/" + scopeId));
        expect(200, http.patch(scopes + "/" + scopeId, json("include_in_metadata", true, "description", null)));
        String spare = expect(201, http.post(scopes, json("name", "spare"))).text("id");
        expect(204, http.delete(scopes + "/" + spare));
        expect(404, http.delete(scopes + "/" + spare));

        // Claims
        String claims = asPath + "/claims";
        String claimId = expect(201, http.post(claims, json("name", "team", "value", "core", "include_in_token", true,
                "include_in_scopes", List.of(scopeId)))).text("id");
        expect(400, http.post(claims, json("name", "iss", "value", "${ nope")));
        expect(200, http.get(claims));
        expect(200, http.get(claims + "/" + claimId));
        expect(200, http.patch(claims + "/" + claimId, json("value", "${ .Client.Name }", "include_in_all_scopes", true)));
        String dropped = expect(201, http.post(claims, json("name", "dropped", "value", "[1, 2]"))).text("id");
        expect(204, http.delete(claims + "/" + dropped));

        // Clients
        String clients = asPath + "/clients";
        var client = expect(201, http.post(clients, json("name", "svc", "grant_types", List.of("client_credentials"),
                "response_types", List.of("token"), "allow_scopes", List.of(scopeId), "labels", Map.of("team", "core"),
                "token_endpoint_auth_method", "client_secret_basic", "login_uri", "https://app.test/login",
                "redirect_uris", List.of("https://app.test/cb"))));
        String clientId = client.text("id");
        String clientPath = clients + "/" + clientId;
        expect(409, http.post(clients, json("name", "svc", "grant_types", List.of("client_credentials"),
                "response_types", List.of("token"))));
        expect(200, http.get(clients + "?filter[labels]=team:core&sort=-created_at"));
        expect(200, http.get(clientPath));
        expect(404, http.get(clients + "/unknownclient"));
        expect(200, http.patch(clientPath, json("id_token_duration", 900, "allow_all_scopes", true, "login_uri", null)));
        String migrated = "migrated-client-1";
        expect(201, http.put(clients + "/" + migrated, json("name", "migrated", "client_secret", "a-given-secret-value",
                "grant_types", List.of("client_credentials"), "response_types", List.of("token"))));
        expect(200, http.put(clients + "/" + migrated, json("name", "migrated", "client_secret", "another-secret-value",
                "grant_types", List.of("client_credentials", "authorization_code"), "response_types", List.of("token", "code"))));

        // Client secrets
        String secrets = clientPath + "/secrets";
        String second = expect(201, http.post(secrets, "{}")).text("id");
        expect(200, http.get(secrets + "?filter[enabled]=true"));
        expect(200, http.get(secrets + "/" + second));
        expect(403, http.post(secrets, json("secret", "a-third-enabled-secret-value")));
        expect(200, http.patch(secrets + "/" + second, json("enabled", false)));
        expect(204, http.delete(secrets + "/" + second));

        // Claim tests
        expect(200, http.post(clientPath + "/test-claim", json("who", "${ .Client.Name }", "n", "42", "o", "{\"a\": [true]}")));
        expect(400, http.post(clientPath + "/test-claim", json("broken", "${ nope")));

        // Tokens: one issued by the OAuth endpoint (not part of the management API)
        var token = server.http.send(server.http.request(created.text("issuer") + "/oauth/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", OAuthFixture.basic(clientId, client.text("client_secret")))
                .POST(HttpRequest.BodyPublishers.ofString(OAuthFixture.form("grant_type", "client_credentials"))));
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        String jti = OAuthFixture.part(token.text("access_token"), 1).path("jti").asText();
        String tokens = clientPath + "/tokens";
        expect(200, http.get(tokens + "?sort=expires_at%20desc&filter[id]=" + jti));
        expect(200, http.get(tokens + "/" + jti));
        expect(204, http.delete(tokens + "/" + jti));
        expect(404, http.get(tokens + "/" + jti));
        expect(204, http.delete(tokens));

        // Admin tokens: a read-only one may read but not change
        var readOnly = expect(201, http.post("/v1/admin-tokens", json("name", unique("ro"), "read_only", true)));
        String readOnlyId = readOnly.text("id");
        Http reader = new Http("http://localhost:" + server.app().adminPort(), readOnly.text("token")).recording(record);
        expect(200, reader.get("/v1/admin-tokens?filter[read_only]=true&sort=name"));
        expect(403, reader.post("/v1/auth-servers", json("name", unique("no"), "audience", "a")));
        expect(200, http.get("/v1/admin-tokens/" + readOnlyId));
        expect(400, http.post("/v1/admin-tokens", json("name", "")));

        // Audit events
        expect(200, http.get("/v1/audit-events?filter[auth_server_id]=" + as + "&sort=created_at&page[size]=100"));
        expect(400, http.get("/v1/audit-events?filter[nope]=x"));

        // Token activity
        expect(200, http.get(asPath + "/token-activity?window=day"));
        expect(400, http.get(asPath + "/token-activity?window=week"));

        // Signing keys (the PATCH to PS256 above scheduled a `next` key, so a scheduled rotation is refused)
        String keys = asPath + "/keys";
        String kid = expect(200, http.get(keys)).json().path("data").get(0).path("kid").asText();
        expect(200, http.get(keys + "/" + kid));
        expect(404, http.get(keys + "/no-such-kid"));
        expect(409, http.post(keys + "/rotate", json("alg", "ES256")));
        expect(200, http.post(keys + "/rotate", json("immediate", true)));
        expect(200, http.send(http.admin(keys + "/rotate").POST(HttpRequest.BodyPublishers.noBody())));
        expect(201, http.post(keys, json("state", "active", "alg", "ES256", "jwk", privateEcJwk())));
        expect(400, http.post(keys, json("state", "next")));

        // Login requests, and the refresh tokens of the accepted one
        var web = expect(201, http.post(clients, json("name", "web", "grant_types", List.of("authorization_code", "refresh_token"),
                "response_types", List.of("code"), "redirect_uris", List.of("https://app.test/cb"),
                "login_uri", "https://app.test/login", "allow_scopes", List.of(scopeId))));
        String webPath = clients + "/" + web.text("id");
        String logins = asPath + "/login-requests/";
        String accepted = loginChallenge(server, created.text("issuer"), web.text("id"));
        expect(200, http.get(logins + accepted));
        expect(400, http.post(logins + accepted + "/accept", json("subject", "user-1", "colour", "blue")));
        var redirect = expect(200, http.post(logins + accepted + "/accept", json("subject", "user-1", "scopes",
                List.of("offline_access", "read"), "amr", List.of("pwd"))));
        expect(410, http.post(logins + accepted + "/reject", "{}"));
        String rejected = loginChallenge(server, created.text("issuer"), web.text("id"));
        expect(200, http.post(logins + rejected + "/reject", json("error", "login_required", "error_description", "no session")));
        expect(404, http.get(logins + "no-such-challenge"));
        String code = java.net.URI.create(redirect.text("redirect_to")).getQuery().replaceFirst(".*code=([^&]+).*", "$1");
        var refreshed = server.http.send(server.http.request(created.text("issuer") + "/oauth/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", OAuthFixture.basic(web.text("id"), web.text("client_secret")))
                .POST(HttpRequest.BodyPublishers.ofString(OAuthFixture.form("grant_type", "authorization_code", "code", code,
                        "redirect_uri", "https://app.test/cb"))));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(refreshed.json().has("refresh_token")).isTrue();
        var family = expect(200, http.get(webPath + "/refresh-tokens?sort=-created_at")).json().path("data").get(0).path("family_id");
        expect(200, http.get(webPath + "/refresh-tokens?filter[family_id]=" + family.asText()));
        expect(204, http.delete(webPath + "/refresh-tokens/families/" + family.asText()));
        expect(404, http.delete(webPath + "/refresh-tokens/families/" + family.asText()));

        // Declarative configuration: an export, a plan (also with a read-only token) and an apply of a new auth server
        expect(200, http.get("/v1/config"));
        String configured = unique("cfg");
        String file = json("format_version", 1, "auth_servers", List.of(Map.of("name", configured, "audience", "https://cfg.test",
                "scopes", List.of(Map.of("name", "read")), "clients", List.of(Map.of("name", "svc",
                        "grant_types", List.of("client_credentials"), "response_types", List.of("token"), "allow_scopes", List.of("read"))))));
        expect(200, http.post("/v1/config:plan?prune=false", file));
        expect(200, reader.post("/v1/config:plan", file));
        expect(403, reader.post("/v1/config:apply", file));
        expect(400, http.post("/v1/config:plan", json("auth_servers", List.of(Map.of("name", configured)))));
        expect(400, http.post("/v1/config:apply?prune=yes", file));
        expect(415, http.send(http.admin("/v1/config:apply").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(file))));
        assertThat(expect(200, http.post("/v1/config:apply", file)).json().path("applied").asBoolean()).isTrue();
        String configuredId = expect(200, http.get("/v1/auth-servers?filter[name]=" + configured)).json().path("data").get(0).path("id").asText();
        expect(204, http.delete("/v1/auth-servers/" + configuredId + "?force=true"));

        // Deleting: the read-only admin token, a client, then the auth server (refused without force while it has children)
        expect(204, http.delete("/v1/admin-tokens/" + readOnlyId));
        expect(404, http.get("/v1/admin-tokens/" + readOnlyId));
        expect(204, http.delete(clients + "/" + migrated));
        expect(400, http.delete(asPath));
        expect(204, http.delete(asPath + "?force=true"));
        expect(404, http.delete(asPath + "?force=true"));
    }

    /** A new private EC P-256 key as a JWK, for an import. */
    private static Map<String, Object> privateEcJwk() {
        try {
            return new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256)
                    .keyID(java.util.UUID.randomUUID().toString()).generate().toJSONObject();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts an authorization code flow at the issuer and answers the login_challenge of its redirect to the login page. */
    private static String loginChallenge(TestServer server, String issuer, String clientId) {
        var r = server.http.send(server.http.request(issuer + "/authorize?response_type=code&client_id=" + clientId
                + "&redirect_uri=https%3A%2F%2Fapp.test%2Fcb&scope=openid%20offline_access%20read&state=s1").GET());
        assertThat(r.status()).as(r.toString()).isEqualTo(302);
        String location = r.header("Location");
        assertThat(location).startsWith("https://app.test/login?login_challenge=");
        return location.substring("https://app.test/login?login_challenge=".length());
    }

    private static Http.Response expect(int status, Http.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        return r;
    }
}
