package dev.tessera.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

/** A small HTTP client for tests: JSON in, {@link Response} out. */
public final class Http {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String adminToken;
    private final Consumer<Exchange> recorder;

    public Http(String base, String adminToken) {
        this(base, adminToken, exchange -> {
        });
    }

    private Http(String base, String adminToken, Consumer<Exchange> recorder) {
        this.base = base;
        this.adminToken = adminToken;
        this.recorder = recorder;
    }

    /** The same client, also handing every request and its response to {@code recorder}. */
    public Http recording(Consumer<Exchange> recorder) {
        return new Http(base, adminToken, recorder);
    }

    /**
     * One request as sent and the response to it. {@code requestBody} is the text the
     * JSON helpers sent, or null when the body was given as a publisher or there was none.
     */
    public record Exchange(HttpRequest request, String requestBody, Response response) {
    }

    public record Response(int status, HttpResponse<String> raw, JsonNode json) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String body() {
            return raw.body();
        }

        public String text(String field) {
            return json.path(field).asText();
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    public Response get(String path) {
        return send(admin(path).GET());
    }

    public Response delete(String path) {
        return send(admin(path).DELETE());
    }

    public Response post(String path, String json) {
        return send(admin(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)),
                json);
    }

    public Response patch(String path, String json) {
        return send(admin(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)), json);
    }

    public Response put(String path, String json) {
        return send(admin(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)),
                json);
    }

    /** A request with the admin token; callers may add headers. */
    public HttpRequest.Builder admin(String path) {
        return request(path).header("Authorization", "Bearer " + adminToken);
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path)).timeout(Duration.ofSeconds(30));
    }

    public Response send(HttpRequest.Builder request) {
        return send(request, null);
    }

    private Response send(HttpRequest.Builder builder, String body) {
        HttpRequest request = builder.build();
        Response response = exchange(request);
        Exchange exchange = new Exchange(request, body, response);
        ApiDescriptionCheck.observe(exchange);
        recorder.accept(exchange);
        return response;
    }

    private static Response exchange(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = r.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(r.body());
            } catch (IOException e) {
                json = MissingNode.getInstance();
            }
            return new Response(r.statusCode(), r, json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Builds a JSON string from alternating keys and values (values rendered by Jackson). */
    public static String json(Object... keyValues) {
        var node = JSON.createObjectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            node.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
        }
        return node.toString();
    }
}
