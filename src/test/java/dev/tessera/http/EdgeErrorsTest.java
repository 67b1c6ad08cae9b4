package dev.tessera.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.support.Backend;
import dev.tessera.support.Http;
import dev.tessera.support.RawHttp;
import dev.tessera.support.Servers;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that Jetty refuses before any route runs (bad request line, ambiguous or over-long
 * URI, oversized header, bad Host) still get the JSON shape of the API they were addressed to.
 */
class EdgeErrorsTest {
    private static final String SLUG_PATH = "/abcdefghijklmnop/auth";

    private static int port() {
        return Servers.get(Backend.SQLITE).app().port();
    }

    private static RawHttp.Response get(String target, String... headers) {
        StringBuilder req = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
        for (String h : headers) {
            req.append(h).append("\r\n");
        }
        return RawHttp.send(port(), req.append("Connection: close\r\n\r\n").toString());
    }

    private static JsonNode problem(RawHttp.Response r, int status) throws IOException {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as(r.toString()).startsWith("application/problem+json");
        JsonNode body = Http.JSON.readTree(r.body());
        assertThat(body.path("status").asInt()).as(r.toString()).isEqualTo(status);
        assertThat(body.path("title").asText()).isNotEmpty();
        assertThat(body.path("detail").asText()).isNotEmpty();
        assertThat(r.body()).doesNotContainIgnoringCase("<html").doesNotContain("Exception").doesNotContain("at org.");
        return body;
    }

    private static JsonNode oauthError(RawHttp.Response r, int status) throws IOException {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as(r.toString()).startsWith("application/json");
        JsonNode body = Http.JSON.readTree(r.body());
        assertThat(body.path("error").asText()).as(r.toString()).isEqualTo("invalid_request");
        assertThat(body.path("error_description").asText()).isNotEmpty();
        assertThat(r.body()).doesNotContainIgnoringCase("<html").doesNotContain("Exception");
        return body;
    }

    private static JsonNode plainJson(RawHttp.Response r, int status) throws IOException {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as(r.toString()).startsWith("application/json");
        JsonNode body = Http.JSON.readTree(r.body());
        assertThat(body.path("status").asInt()).as(r.toString()).isEqualTo(status);
        assertThat(r.body()).doesNotContainIgnoringCase("<html").doesNotContain("Exception");
        return body;
    }

    @Test
    void ambiguousPathsUnderV1AreProblems() throws IOException {
        problem(get("/v1/auth-servers/%00"), 400);
        problem(get("/v1/auth-servers/a%2Fb"), 400);
        problem(get("/v1/auth-servers/%2e%2e/x"), 400);
    }

    @Test
    void ambiguousPathsUnderAnIssuerAreOAuthErrors() throws IOException {
        oauthError(get(SLUG_PATH + "/oauth/token%00"), 400);
        oauthError(get(SLUG_PATH + "/.well-known/a%2Fb"), 400);
    }

    @Test
    void overLongUrisAre414Json() throws IOException {
        // Jetty reads no path from a URI it could not finish reading: plain JSON is all it can be.
        plainJson(get("/v1/auth-servers?filter[name]=" + "a".repeat(20_000)), 414);
        plainJson(get(SLUG_PATH + "/.well-known/jwks?x=" + "a".repeat(20_000)), 414);
    }

    @Test
    void oversizedHeadersAre431InTheShapeOfTheirApi() throws IOException {
        problem(get("/v1/auth-servers", "X-Big: " + "b".repeat(20_000)), 431);
        oauthError(get(SLUG_PATH + "/.well-known/jwks", "X-Big: " + "b".repeat(20_000)), 431);
        plainJson(get("/health/live", "X-Big: " + "b".repeat(20_000)), 431);
    }

    @Test
    void aBadHostHeaderIsJson() throws IOException {
        String req = "GET /v1/auth-servers HTTP/1.1\r\nHost: bad host name\r\nConnection: close\r\n\r\n";
        problem(RawHttp.send(port(), req), 400);
        String twoHosts = "GET /health/live HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n";
        plainJson(RawHttp.send(port(), twoHosts), 400);
    }

    @Test
    void aMalformedRequestLineIsJson() throws IOException {
        plainJson(RawHttp.send(port(), "NONSENSE\r\n\r\n"), 400);
        plainJson(RawHttp.send(port(), "GET /health/live HTTP/9.9\r\nHost: x\r\n\r\n"), 505);
        problem(RawHttp.send(port(), "GET /v1/auth-servers HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n"), 400);
    }
}
