package dev.tessera.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The management API of a running server, as {@code apply} and {@code export} use it: like
 * decK, they work the same against a laptop and a remote cluster. The server is {@code --server},
 * else {@code TESSERA_PUBLIC_URL}, else http://localhost:8080; the token is TESSERA_ADMIN_TOKEN.
 */
final class ManagementClient {
    static final String DEFAULT_SERVER = "http://localhost:8080";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A refusal the user can act on: printed as it is, exit code 2 (usage) or 1. */
    static final class Failure extends RuntimeException {
        final int exitCode;

        Failure(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    record Response(int status, JsonNode json) {
    }

    private ManagementClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    static ManagementClient from(String server, Map<String, String> env) {
        String url = server != null ? server : env.getOrDefault("TESSERA_PUBLIC_URL", DEFAULT_SERVER);
        if (url == null || url.isBlank()) {
            url = DEFAULT_SERVER;
        }
        URI base;
        try {
            base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new Failure("--server is not a URL: " + url, 2);
        }
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme()) || base.getHost() == null) {
            throw new Failure("--server must be an http or https URL, e.g. https://tessera.example.com", 2);
        }
        String token = env.get("TESSERA_ADMIN_TOKEN");
        if (token == null || token.isBlank()) {
            throw new Failure("TESSERA_ADMIN_TOKEN is not set: it must hold an admin token of the server", 2);
        }
        return new ManagementClient(base, token.strip());
    }

    URI base() {
        return base;
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = r.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(r.body());
            } catch (IOException e) {
                json = MissingNode.getInstance();
            }
            if (r.statusCode() == 401) {
                throw new Failure(base + " refused the admin token in TESSERA_ADMIN_TOKEN (401)", 1);
            }
            if (r.statusCode() == 403) {
                throw new Failure(base + " refused: " + json.path("detail").asText("forbidden") + " (403)", 1);
            }
            return new Response(r.statusCode(), json);
        } catch (IOException e) {
            throw new Failure("cannot reach " + base + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted", 1);
        }
    }
}
