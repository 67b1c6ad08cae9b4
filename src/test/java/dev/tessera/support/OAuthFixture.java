package dev.tessera.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/** An auth server with scopes and a client, and helpers to call its OAuth endpoints. */
public final class OAuthFixture {
    public final Http http;
    public final String serverId;
    public final String issuer;
    public final Map<String, String> scopeIds = new LinkedHashMap<>();
    public String clientId;
    public String clientSecret;

    public OAuthFixture(TestServer server, String audience, String... scopes) {
        this(server, Map.of(), audience, scopes);
    }

    /** An auth server with more fields set at creation, e.g. {@code signing_algorithm}. */
    public OAuthFixture(TestServer server, Map<String, Object> serverFields, String audience, String... scopes) {
        this.http = server.http;
        Map<String, Object> body = new LinkedHashMap<>(serverFields);
        body.put("name", Fixtures.unique("oauth"));
        body.put("audience", audience);
        body.put("trusted_origins", List.of("https://app.example.com"));
        var as = http.post("/v1/auth-servers", Http.JSON.valueToTree(body).toString());
        assertThat(as.status()).as(as.toString()).isEqualTo(201);
        serverId = as.text("id");
        issuer = as.text("issuer");
        for (String s : scopes) {
            scopeIds.put(s, http.post(admin("/scopes"), json("name", s)).text("id"));
        }
    }

    public String admin(String suffix) {
        return "/v1/auth-servers/" + serverId + suffix;
    }

    /** Creates a client allowed the given scopes; keeps its id and secret. */
    public OAuthFixture client(List<String> allowedScopeNames, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", Fixtures.unique("client"));
        body.put("grant_types", List.of("client_credentials"));
        body.put("response_types", List.of("token"));
        body.put("allow_scopes", allowedScopeNames.stream().map(scopeIds::get).toList());
        body.putAll(extra);
        var r = http.post(admin("/clients"), Http.JSON.valueToTree(body).toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        clientId = r.text("id");
        clientSecret = r.text("client_secret");
        return this;
    }

    public String claim(String name, String value, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>(extra);
        body.put("name", name);
        body.put("value", value);
        var r = http.post(admin("/claims"), Http.JSON.valueToTree(body).toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.text("id");
    }

    public static String form(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (!b.isEmpty()) {
                b.append('&');
            }
            b.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    public static String basic(String id, String secret) {
        String pair = URLEncoder.encode(id, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** POSTs a form to an issuer endpoint, e.g. {@code post("/oauth/token", null, form(...))}. */
    public Http.Response post(String endpoint, String authorization, String body) {
        var req = http.request(issuer + endpoint).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            req.header("Authorization", authorization);
        }
        return http.send(req);
    }

    public Http.Response tokenPost(String scope) {
        return scope == null
                ? post("/oauth/token", null, form("grant_type", "client_credentials", "client_id", clientId, "client_secret", clientSecret))
                : post("/oauth/token", null, form("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", clientSecret, "scope", scope));
    }

    public String accessToken(String scope) {
        var r = tokenPost(scope);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.text("access_token");
    }

    public JsonNode introspect(String token) {
        var r = post("/introspect", basic(clientId, clientSecret), form("token", token, "token_type_hint", "access_token"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** The decoded JSON of a JWT part: 0 header, 1 payload. */
    public static JsonNode part(String jwt, int index) {
        try {
            return Http.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
