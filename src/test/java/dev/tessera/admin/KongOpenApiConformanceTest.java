package dev.tessera.admin;

import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.Http;
import dev.tessera.support.ClientKeys;
import dev.tessera.support.KongApiDescription;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;
import dev.tessera.support.TestServer;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.tessera.support.Fixtures.unique;
import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays a representative session against the management API (every resource: create, get,
 * list, PATCH, DELETE, and the 400/401/403/404/409 answers) and validates each real request and
 * response against Kong Identity's OpenAPI description, less the deliberate extensions listed in
 * {@link KongApiDescription#EXTENSIONS}.
 */
class KongOpenApiConformanceTest {

    @BothBackends
    void theManagementApiSpeaksKongsDescription(Backend backend) {
        var description = KongApiDescription.load();
        Assumptions.assumeTrue(description.isPresent(), "Kong's API description is not at "
                + KongApiDescription.LOCATION.toAbsolutePath().normalize()
                + " (../shared/reference/ beside the clone): conformance test skipped");
        TestServer server = Servers.get(backend);
        List<Http.Exchange> exchanges = new ArrayList<>();
        Http http = server.http.recording(exchanges::add);

        replay(server, http);

        assertThat(exchanges).hasSizeGreaterThan(50);
        List<String> failures = new ArrayList<>();
        Set<String> extensionsUsed = new TreeSet<>();
        for (Http.Exchange exchange : exchanges) {
            var report = description.get().validate(exchange);
            if (report.hasErrors()) {
                failures.add(KongApiDescription.describe(exchange, report));
            }
            report.getMessages().forEach(m -> m.getContext()
                    .flatMap(ValidationReport.MessageContext::getAppliedWhitelistRule)
                    .ifPresent(rule -> extensionsUsed.add(rule.getName())));
        }
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
        // The documented list holds nothing the session did not need: each entry is exercised.
        assertThat(extensionsUsed).containsAll(KongApiDescription.EXTENSIONS.stream()
                .map(KongApiDescription.Extension::name).toList());
    }

    /** The check has teeth: answers Kong's description forbids are reported. */
    @Test
    void theValidatorReportsWhatKongsDescriptionForbids() {
        var description = KongApiDescription.load();
        Assumptions.assumeTrue(description.isPresent(), "Kong's API description is not available");
        var request = new SimpleRequest.Builder(Request.Method.POST, "/v1/auth-servers")
                .withContentType("application/json").withAuthorization("Bearer x")
                .withBody("{\"name\": \"n\", \"audience\": \"a\"}").build();
        String problem = "{\"status\": 400, \"title\": \"Bad Request\", \"type\": \"https://httpstatuses.com/400\", "
                + "\"instance\": \"tessera:trace:1\", \"detail\": \"Invalid request\"";
        Map<String, String> forbidden = Map.of(
                "rule outside Kong's list", problem + ", \"invalid_parameters\": [{\"field\": \"x[1]\", "
                        + "\"rule\": \"unique\", \"reason\": \"is a duplicate\", \"source\": \"body\"}]}",
                "no invalid_parameters", problem + "}",
                "empty invalid_parameters", problem + ", \"invalid_parameters\": []}");
        List<String> accepted = new ArrayList<>();
        forbidden.forEach((what, body) -> {
            var response = SimpleResponse.Builder.status(400).withContentType("application/problem+json")
                    .withBody(body).build();
            if (!description.get().validate(request, response).hasErrors()) {
                accepted.add(what);
            }
        });
        assertThat(accepted).isEmpty();
        var extraField = SimpleResponse.Builder.status(201).withContentType("application/json").withBody("""
                {"id": "d32d905a-ed33-46a3-a093-d8f536af9a8a", "name": "n", "description": "", "audience": "a",
                 "signing_algorithm": "RS256", "issuer": "https://i", "metadata_uri": "https://i/m",
                 "jwks_uri": "https://i/j", "labels": {}, "trusted_origins": [],
                 "created_at": "2022-11-04T20:10:06.927Z", "updated_at": "2022-11-04T20:10:06.927Z",
                 "slug": "abc"}""").build();
        assertThat(description.get().validate(request, extraField).hasErrors()).as("a field Kong lacks").isTrue();
    }

    private static void replay(TestServer server, Http http) {
        // Auth servers
        var created = expect(201, http.post("/v1/auth-servers", json("name", unique("conf"), "audience", "https://api.test",
                "description", "conformance", "labels", Map.of("env", "test"), "trusted_origins", List.of("https://app.test"))));
        String as = created.text("id");
        String asPath = "/v1/auth-servers/" + as;
        expect(409, http.post("/v1/auth-servers", json("name", created.text("name"), "audience", "a")));
        expect(400, http.post("/v1/auth-servers", json("audience", "", "signing_algorithm", "HS256")));
        expect(400, http.post("/v1/auth-servers", json("name", unique("conf"), "audience", "a", "labels", Map.of("kong", "x"))));
        expect(200, http.get("/v1/auth-servers"));
        expect(200, http.get("/v1/auth-servers?page[size]=5&page[number]=1&sort=name%20desc"));
        expect(200, http.get("/v1/auth-servers?filter[name][contains]=conf&filter[labels]=env:test"));
        expect(200, http.get("/v1/auth-servers?filter[id]=" + as));
        expect(400, http.get("/v1/auth-servers?page[size]=1000"));
        expect(200, http.get(asPath));
        expect(404, http.get("/v1/auth-servers/00000000-0000-0000-0000-000000000000"));
        expect(400, http.get("/v1/auth-servers/not-a-uuid"));
        Map<String, Object> labels = new HashMap<>();
        labels.put("env", null);
        labels.put("tier", "gold");
        expect(200, http.patch(asPath, json("description", "changed", "signing_algorithm", "PS256", "labels", labels)));
        expect(400, http.patch(asPath, json("name", "")));
        expect(200, http.patch(asPath, json("access_token_typ", "JWT")));
        expect(200, http.patch(asPath, json("key_rotation_period_days", 90)));
        expect(400, http.patch(asPath, json("key_rotation_period_days", 0)));
        expect(200, http.patch(asPath, json("signing_algorithm", "ES256")));
        // Signing keys (a Tessera addition)
        expect(200, http.get(asPath + "/keys"));
        expect(200, http.post(asPath + "/keys/rotate", json("immediate", true)));
        String kid = expect(200, http.get(asPath + "/keys")).json().path("data").get(0).path("kid").asText();
        expect(200, http.get(asPath + "/keys/" + kid));
        expect(404, http.get(asPath + "/keys/unknown"));
        expect(400, http.post(asPath + "/keys", json("state", "next", "pem", "not a key")));
        expect(401, http.send(http.request(asPath).GET()));
        expect(401, http.send(http.request("/v1/auth-servers").header("Authorization", "Bearer wrong").GET()));

        // Scopes
        String scopes = asPath + "/scopes";
        var scope = expect(201, http.post(scopes, json("name", "read", "description", "reads", "default", true)));
        String scopeId = scope.text("id");
        expect(409, http.post(scopes, json("name", "read")));
        expect(400, http.post(scopes, json("name", "has space", "enabled", "yes")));
        expect(200, http.get(scopes));
        expect(200, http.get(scopes + "?filter[name]=read&sort=created_at"));
        expect(200, http.get(scopes + "/" + scopeId));
        expect(404, http.get(scopes + "/00000000-0000-0000-0000-000000000000"));
        expect(200, http.patch(scopes + "/" + scopeId, json("include_in_metadata", true)));
        String spare = expect(201, http.post(scopes, json("name", "spare"))).text("id");
        expect(204, http.delete(scopes + "/" + spare));
        expect(404, http.delete(scopes + "/" + spare));

        // Claims
        String claims = asPath + "/claims";
        var claim = expect(201, http.post(claims, json("name", "team", "value", "core", "include_in_token", true,
                "include_in_scopes", List.of(scopeId))));
        String claimId = claim.text("id");
        expect(400, http.post(claims, json("name", "iss", "value", "${ nope")));
        expect(400, http.post(claims, json("name", "x", "value", "v", "include_in_scopes",
                List.of("00000000-0000-0000-0000-000000000000"))));
        expect(200, http.get(claims));
        expect(200, http.get(claims + "/" + claimId));
        expect(200, http.patch(claims + "/" + claimId, json("value", "${ .Client.Name }", "include_in_all_scopes", true)));
        expect(404, http.patch(claims + "/00000000-0000-0000-0000-000000000000", json("value", "v")));
        String dropped = expect(201, http.post(claims, json("name", "dropped", "value", "1"))).text("id");
        expect(204, http.delete(claims + "/" + dropped));

        // Clients
        String clients = asPath + "/clients";
        var client = expect(201, http.post(clients, json("name", "svc", "grant_types", List.of("client_credentials"),
                "response_types", List.of("token"), "allow_scopes", List.of(scopeId), "labels", Map.of("team", "core"),
                "access_token_duration", 600)));
        String clientId = client.text("id");
        String clientSecret = client.text("client_secret");
        String clientPath = clients + "/" + clientId;
        expect(409, http.post(clients, json("name", "svc", "grant_types", List.of("client_credentials"),
                "response_types", List.of("token"))));
        expect(400, http.post(clients, json("name", "bad", "grant_types", List.of("client_credentials"),
                "response_types", List.of("token"), "allow_scopes", List.of(scopeId, scopeId))));
        expect(200, http.get(clients));
        expect(200, http.get(clients + "?filter[labels]=team:core&sort=-created_at"));
        expect(200, http.get(clientPath));
        expect(404, http.get(clients + "/unknownclient"));
        expect(200, http.patch(clientPath, json("id_token_duration", 900, "allow_all_scopes", true)));
        expect(400, http.patch(clientPath, json("access_token_duration", 5)));
        String migrated = "migrated-client-1";
        expect(201, http.put(clients + "/" + migrated, json("name", "migrated", "client_secret", "a-given-secret-value",
                "grant_types", List.of("client_credentials"), "response_types", List.of("token"))));
        expect(200, http.put(clients + "/" + migrated, json("name", "migrated", "client_secret", "another-secret-value",
                "grant_types", List.of("client_credentials"), "response_types", List.of("token"))));
        var basic = expect(201, http.post(clients, json("name", "interactive", "grant_types",
                List.of("client_credentials", "authorization_code"), "response_types", List.of("code"),
                "redirect_uris", List.of("https://app.test/cb"), "token_endpoint_auth_method", "client_secret_basic")));
        expect(200, http.patch(clients + "/" + basic.text("id"), json("token_endpoint_auth_method", "client_secret_post")));
        expect(400, http.put(clients + "/" + migrated, json("name", "migrated",
                "grant_types", List.of("client_credentials"), "response_types", List.of("token"))));
        var keyed = expect(201, http.post(clients, json("name", "keyed", "grant_types", List.of("client_credentials"),
                "response_types", List.of("token"), "token_endpoint_auth_method", "private_key_jwt",
                "jwks", ClientKeys.rsa("conformance").publicJwks())));
        expect(200, http.patch(clients + "/" + keyed.text("id"), json("jwks", null, "jwks_uri", "https://keys.app.test/jwks")));
        expect(200, http.patch(clients + "/" + keyed.text("id"), json("token_endpoint_auth_method", "client_secret_jwt",
                "client_secret", "a-secret-of-at-least-thirty-two-characters")));

        // Client secrets
        String secrets = clientPath + "/secrets";
        String secondSecret = expect(201, http.post(secrets, "{}")).text("id");
        expect(200, http.get(secrets));
        expect(200, http.get(secrets + "?filter[enabled]=true"));
        expect(200, http.get(secrets + "/" + secondSecret));
        expect(403, http.post(secrets, json("secret", "a-third-enabled-secret-value")));
        expect(200, http.patch(secrets + "/" + secondSecret, json("enabled", false)));
        expect(400, http.patch(secrets + "/" + secondSecret, json("enabled", "no")));
        expect(204, http.delete(secrets + "/" + secondSecret));
        expect(404, http.get(secrets + "/" + secondSecret));

        // Claim tests
        expect(200, http.post(clientPath + "/test-claim", json("who", "${ .Client.Name }", "n", "42")));
        expect(400, http.post(clientPath + "/test-claim", json("broken", "${ nope")));
        // Tessera's token activity (for the console): a path Kong's description does not have.
        expect(200, http.get(clientPath.substring(0, clientPath.indexOf("/clients/")) + "/token-activity?window=day"));

        // Tokens: one issued by the OAuth endpoint (not part of the management API, so not recorded)
        String issuer = created.text("issuer");
        var token = server.http.send(server.http.request(issuer + "/oauth/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(OAuthFixture.form("grant_type", "client_credentials",
                        "client_id", clientId, "client_secret", clientSecret))));
        expect(200, token);
        String jti = OAuthFixture.part(token.text("access_token"), 1).path("jti").asText();
        String tokens = clientPath + "/tokens";
        expect(200, http.get(tokens));
        expect(200, http.get(tokens + "?sort=expires_at%20desc&filter[id]=" + jti));
        expect(200, http.get(tokens + "/" + jti));
        expect(204, http.delete(tokens + "/" + jti));
        expect(404, http.get(tokens + "/" + jti));
        expect(204, http.delete(tokens));

        // Deleting: a client, then the auth server (refused without force while it has children)
        expect(204, http.delete(clients + "/" + migrated));
        expect(404, http.delete(clients + "/" + migrated));
        expect(400, http.delete(asPath));
        expect(400, http.delete(asPath + "?force=maybe"));
        expect(204, http.delete(asPath + "?force=true"));
        expect(404, http.delete(asPath + "?force=true"));

        // Declarative configuration (Tessera's addition; Kong has decK outside its API)
        expect(200, http.get("/v1/config"));
        expect(200, http.post("/v1/config:plan", json("auth_servers", List.of())));
        expect(200, http.post("/v1/config:apply", json("auth_servers", List.of())));
    }

    private static Http.Response expect(int status, Http.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        return r;
    }
}
