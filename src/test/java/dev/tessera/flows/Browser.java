package dev.tessera.flows;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Plays the user's browser: follows redirects one at a time (so a test sees every hop) and
 * submits forms. It stops at the client's redirect URI, which no server needs to answer.
 */
final class Browser {
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Page(int status, URI uri, String location, String body) {
    }

    static Page get(URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET(), uri);
    }

    static Page post(URI uri, String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (!b.isEmpty()) {
                b.append('&');
            }
            b.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(b.toString())), uri);
    }

    /** Follows redirects until one leaves for {@code stopAt} (the client's callback) or a page is shown. */
    static Page follow(Page page, String stopAt) {
        while (page.status() / 100 == 3 && !page.location().startsWith(stopAt)) {
            page = get(page.uri().resolve(page.location()));
        }
        return page;
    }

    private static Page send(HttpRequest.Builder request, URI uri) {
        try {
            HttpResponse<String> r = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Page(r.statusCode(), uri, r.headers().firstValue("Location").orElse(null), r.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
