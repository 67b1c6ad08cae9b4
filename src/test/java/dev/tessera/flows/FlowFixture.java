package dev.tessera.flows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/** An auth server with an interactive client, and the steps of a flow as plain HTTP calls. */
final class FlowFixture {
    static final String CALLBACK = "https://app.example.com/cb";
    static final String LOGIN = "https://app.example.com/login";
    static final String VERIFIER = "dBjftJeZ4CVP-mJ92K27uhbUwSZmKJKjzvdqVxqxkzzk0z1z2z3z4";

    final OAuthFixture oauth;
    final Http http;

    FlowFixture(OAuthFixture oauth) {
        this.oauth = oauth;
        this.http = oauth.http;
    }

    /** A confidential code client (secret), allowed every listed scope; returns {id, secret}. */
    String[] client(Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grant_types", List.of("authorization_code"));
        body.put("response_types", List.of("code"));
        body.put("redirect_uris", List.of(CALLBACK));
        body.put("login_uri", LOGIN);
        body.putAll(extra);
        oauth.client(List.copyOf(oauth.scopeIds.keySet()), body);
        return new String[]{oauth.clientId, oauth.clientSecret};
    }

    static String challengeOf(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    static String query(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                continue;
            }
            b.append(b.isEmpty() ? "" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    Browser.Page authorize(String... pairs) {
        return Browser.get(URI.create(oauth.issuer + "/authorize?" + query(pairs)));
    }

    /** Starts a valid flow and returns the login_challenge from the redirect to the login page. */
    String loginChallenge(String... pairs) {
        Browser.Page p = authorize(pairs);
        assertThat(p.status()).as(p.body()).isEqualTo(302);
        assertThat(p.location()).startsWith(LOGIN + "?login_challenge=");
        return p.location().substring((LOGIN + "?login_challenge=").length());
    }

    Http.Response adminAccept(String challenge, String body) {
        return http.post(oauth.admin("/login-requests/" + challenge + "/accept"), body);
    }

    Http.Response clientCall(String clientId, String secret, String path, String body) {
        var req = http.request(oauth.issuer + "/login-requests/" + path)
                .header("Authorization", OAuthFixture.basic(clientId, secret));
        req = body == null ? req.GET() : req.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return http.send(req);
    }

    /** Accepts as admin for subject "user-1" and returns the parameters sent to the client. */
    Map<String, String> acceptedParams(String challenge) {
        var r = adminAccept(challenge, json("subject", "user-1", "claims", Map.of("name", "User One")));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return params(r.text("redirect_to"));
    }

    /** The parameters of a redirect, from its fragment when it has one, else its query. */
    static Map<String, String> params(String location) {
        URI u = URI.create(location);
        String raw = u.getRawFragment() != null ? u.getRawFragment() : u.getRawQuery();
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    Http.Response token(String clientId, String secret, String... pairs) {
        String form = query(pairs);
        return oauth.post("/oauth/token", secret == null ? null : OAuthFixture.basic(clientId, secret), form);
    }

    static JsonNode payload(String jwt) {
        return OAuthFixture.part(jwt, 1);
    }
}
