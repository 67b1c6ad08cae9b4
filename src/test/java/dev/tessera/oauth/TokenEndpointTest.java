package dev.tessera.oauth;

import dev.tessera.support.Backend;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import static dev.tessera.support.Http.json;
import static dev.tessera.support.OAuthFixture.basic;
import static dev.tessera.support.OAuthFixture.form;
import static org.assertj.core.api.Assertions.assertThat;

/** The client credentials grant and every way a token request is refused (RFC 6749 §5.2), with exact bodies. */
class TokenEndpointTest {
    private OAuthFixture fx;

    @BeforeEach
    void setUp() {
        fx = new OAuthFixture(Servers.get(Backend.SQLITE), "api://default", "read", "write", "off", "other");
        fx.http.patch(fx.admin("/scopes/" + fx.scopeIds.get("off")), json("enabled", false));
        fx.client(List.of("read", "write", "off"), Map.of());
    }

    private static void assertError(Http.Response r, int status, String body) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.body()).isEqualTo(body);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void basicAndPostAuthenticationBothWorkWithFormDecodedCredentials() {
        var post = fx.tokenPost("read");
        assertThat(post.status()).isEqualTo(200);
        var basic = fx.post("/oauth/token", basic(fx.clientId, fx.clientSecret), form("grant_type", "client_credentials", "scope", "read write"));
        assertThat(basic.status()).as(basic.toString()).isEqualTo(200);
        assertThat(basic.text("scope")).isEqualTo("read write");

        // a secret with characters that form-encoding changes: '+' for space, %XX for the rest
        String secret = "p@ss word+/:é";
        String path = fx.admin("/clients/" + fx.clientId + "/secrets");
        assertThat(fx.http.post(path, json("secret", secret)).status()).isEqualTo(201);
        var encoded = fx.post("/oauth/token", basic(fx.clientId, secret), form("grant_type", "client_credentials"));
        assertThat(encoded.status()).as(encoded.toString()).isEqualTo(200);
    }

    @Test
    void eitherOfTwoEnabledSecretsWorksAndADisabledOneDoesNot() {
        String path = fx.admin("/clients/" + fx.clientId + "/secrets");
        var second = fx.http.post(path, "{}");
        String newSecret = second.text("secret");
        assertThat(fx.post("/oauth/token", basic(fx.clientId, newSecret), form("grant_type", "client_credentials")).status()).isEqualTo(200);
        assertThat(fx.tokenPost(null).status()).isEqualTo(200);
        String firstId = fx.http.get(path + "?sort=created_at").json().path("data").get(0).path("id").asText();
        fx.http.patch(path + "/" + firstId, json("enabled", false));
        assertError(fx.tokenPost(null), 401, "{\"error\":\"invalid_client\",\"error_description\":\"client authentication failed\"}");
        assertThat(fx.post("/oauth/token", basic(fx.clientId, newSecret), form("grant_type", "client_credentials")).status()).isEqualTo(200);
    }

    @Test
    void wrongSecretUnknownClientAndMissingCredentialsAreInvalidClient() {
        String failed = "{\"error\":\"invalid_client\",\"error_description\":\"client authentication failed\"}";
        assertError(fx.post("/oauth/token", null, form("grant_type", "client_credentials", "client_id", fx.clientId,
                "client_secret", "wrong")), 401, failed);
        assertError(fx.post("/oauth/token", null, form("grant_type", "client_credentials", "client_id", "nosuchclient",
                "client_secret", "x")), 401, failed);
        assertError(fx.post("/oauth/token", null, form("grant_type", "client_credentials")), 401, failed);
        var basic = fx.post("/oauth/token", basic(fx.clientId, "wrong"), form("grant_type", "client_credentials"));
        assertError(basic, 401, failed);
        assertThat(basic.header("WWW-Authenticate")).startsWith("Basic realm=");
        var malformed = fx.post("/oauth/token", "Basic !!!", form("grant_type", "client_credentials"));
        assertError(malformed, 401, "{\"error\":\"invalid_client\",\"error_description\":\"malformed Basic credentials\"}");
    }

    @Test
    void scopeRulesAreEnforced() {
        assertError(fx.tokenPost("unknown"), 400,
                "{\"error\":\"invalid_scope\",\"error_description\":\"scope 'unknown' is not allowed for this client\"}");
        assertError(fx.tokenPost("off"), 400,
                "{\"error\":\"invalid_scope\",\"error_description\":\"scope 'off' is not allowed for this client\"}");
        assertError(fx.tokenPost("read other"), 400,
                "{\"error\":\"invalid_scope\",\"error_description\":\"scope 'other' is not allowed for this client\"}");
        assertThat(fx.tokenPost("read  read").text("scope")).isEqualTo("read");
        // none requested: the enabled default scopes the client is allowed
        assertThat(fx.tokenPost(null).text("scope")).isEmpty();
        fx.http.patch(fx.admin("/scopes/" + fx.scopeIds.get("write")), json("default", true));
        fx.http.patch(fx.admin("/scopes/" + fx.scopeIds.get("other")), json("default", true));
        assertThat(fx.tokenPost(null).text("scope")).isEqualTo("write");
        fx.http.patch(fx.admin("/clients/" + fx.clientId), json("allow_all_scopes", true));
        assertThat(fx.tokenPost(null).text("scope")).isEqualTo("write other");
        assertThat(fx.tokenPost("other").status()).isEqualTo(200);
    }

    @Test
    void malformedRequestsAreInvalidRequest() {
        assertError(fx.post("/oauth/token", null, form("client_id", fx.clientId, "client_secret", fx.clientSecret)), 400,
                "{\"error\":\"invalid_request\",\"error_description\":\"parameter 'grant_type' is required\"}");
        assertError(fx.post("/oauth/token", null, "grant_type=client_credentials&grant_type=client_credentials&client_id="
                        + fx.clientId + "&client_secret=" + fx.clientSecret), 400,
                "{\"error\":\"invalid_request\",\"error_description\":\"parameter 'grant_type' is repeated\"}");
        assertError(fx.post("/oauth/token", basic(fx.clientId, fx.clientSecret), form("grant_type", "client_credentials",
                        "client_secret", fx.clientSecret)), 400,
                "{\"error\":\"invalid_request\",\"error_description\":\"use only one client authentication method\"}");
        var json = fx.http.send(fx.http.request(fx.issuer + "/oauth/token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}")));
        assertError(json, 400, "{\"error\":\"invalid_request\",\"error_description\":\"the request body must be application/x-www-form-urlencoded\"}");
        var get = fx.http.send(fx.http.request(fx.issuer + "/oauth/token?grant_type=client_credentials")
                .header("Accept", "text/html").GET());
        assertError(get, 405, "{\"error\":\"invalid_request\",\"error_description\":\"use POST with a form-encoded body\"}");
        assertError(fx.post("/oauth/token", null, "grant_type=%ZZ"), 400,
                "{\"error\":\"invalid_request\",\"error_description\":\"the request body is not valid form encoding\"}");
    }

    @Test
    void grantTypesMustBeSupportedAndAllowed() {
        assertError(fx.post("/oauth/token", null, form("grant_type", "password", "client_id", fx.clientId,
                "client_secret", fx.clientSecret)), 400,
                "{\"error\":\"unsupported_grant_type\",\"error_description\":\"grant type 'password' is not supported\"}");
        fx.http.patch(fx.admin("/clients/" + fx.clientId), json("grant_types", List.of("implicit")));
        assertError(fx.tokenPost(null), 400,
                "{\"error\":\"unauthorized_client\",\"error_description\":\"this client may not use the client_credentials grant\"}");
    }

    @Test
    void unknownIssuerIsNotFound() {
        var r = fx.http.send(fx.http.request("/aaaaaaaaaaaaaaaa/auth/oauth/token").header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        assertError(r, 404, "{\"error\":\"not_found\",\"error_description\":\"no such issuer\"}");
    }

    @Test
    void changesMadeThroughTheManagementApiApplyToTheNextToken() {
        assertThat(fx.tokenPost("read").status()).isEqualTo(200);
        fx.http.patch(fx.admin("/clients/" + fx.clientId), json("allow_scopes", List.of(fx.scopeIds.get("write"))));
        assertThat(fx.tokenPost("read").status()).isEqualTo(400);
        fx.http.patch(fx.admin("/clients/" + fx.clientId), json("access_token_duration", 120));
        assertThat(fx.tokenPost("write").json().path("expires_in").asInt()).isEqualTo(120);
        fx.http.delete(fx.admin("/clients/" + fx.clientId));
        assertThat(fx.tokenPost(null).status()).isEqualTo(401);
    }

    @Test
    void tokensKeepFlowingWhileTheManagementApiChangesTheAuthServer() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            var failures = new java.util.concurrent.atomic.AtomicInteger();
            var issued = new java.util.concurrent.atomic.AtomicInteger();
            var stop = new java.util.concurrent.atomic.AtomicBoolean();
            List<java.util.concurrent.Future<?>> workers = new java.util.ArrayList<>();
            for (int t = 0; t < 5; t++) {
                workers.add(pool.submit(() -> {
                    while (!stop.get()) {
                        if (fx.tokenPost("read").status() == 200) {
                            issued.incrementAndGet();
                        } else {
                            failures.incrementAndGet();
                        }
                    }
                }));
            }
            for (int i = 0; i < 15; i++) {
                var created = fx.http.post(fx.admin("/clients"), json("name", "churn-" + i,
                        "grant_types", List.of("client_credentials"), "response_types", List.of("token")));
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                assertThat(fx.http.post(fx.admin("/scopes"), json("name", "churn-scope-" + i)).status()).isEqualTo(201);
            }
            stop.set(true);
            for (var w : workers) {
                w.get();
            }
            assertThat(failures.get()).isZero();
            assertThat(issued.get()).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void metricsCountIssuedTokensAndFailedClientAuthentications() {
        fx.accessToken("read");
        fx.post("/oauth/token", null, form("grant_type", "client_credentials", "client_id", fx.clientId, "client_secret", "x"));
        var metrics = fx.http.send(fx.http.request("/metrics").GET()).body();
        assertThat(metrics).containsPattern("tessera_tokens_issued_total [1-9]");
        assertThat(metrics).containsPattern("tessera_auth_failures_total\\{endpoint=\"token\"} [1-9]");
        assertThat(metrics).contains("route=\"/{slug}/auth/oauth/token\"");
    }
}
