package dev.tessera.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends requests from a chosen loopback address (127.0.0.2, 127.0.0.3, ... are all loopback on
 * Linux), so a test can play several sources against a server listening on 127.0.0.1 without
 * trusting {@code X-Forwarded-For}.
 */
public final class FromAddress {
    private final HttpClient client;
    public final String address;

    public FromAddress(String address) {
        try {
            this.address = address;
            this.client = HttpClient.newBuilder().localAddress(InetAddress.getByName(address))
                    .connectTimeout(Duration.ofSeconds(5)).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** POSTs a form to {@code url} (whose host should be 127.0.0.1, not localhost, which may mean ::1). */
    public Http.Response postForm(String url, String authorization, String body) {
        var req = HttpRequest.newBuilder(URI.create(url.replace("//localhost:", "//127.0.0.1:")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            req.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> r = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = r.body().isEmpty() ? MissingNode.getInstance() : Http.JSON.readTree(r.body());
            } catch (IOException e) {
                json = MissingNode.getInstance();
            }
            return new Http.Response(r.statusCode(), r, json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
