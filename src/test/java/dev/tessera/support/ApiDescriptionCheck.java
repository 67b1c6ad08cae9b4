package dev.tessera.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Checks every management API exchange that any test makes through {@link Http} against
 * Tessera's API description, so the description cannot drift from what the server does. The
 * problems are collected here; {@link ApiDescriptionCheckExtension} fails the test that caused
 * them once it has finished (a failure in the middle of a concurrent test would only confuse it).
 */
public final class ApiDescriptionCheck {
    private static final Queue<String> PROBLEMS = new ConcurrentLinkedQueue<>();

    private ApiDescriptionCheck() {
    }

    static void observe(Http.Exchange exchange) {
        if (!TesseraApiDescription.covers(exchange.request())) {
            return;
        }
        List<String> problems = TesseraApiDescription.get().check(exchange);
        if (!problems.isEmpty()) {
            var request = exchange.request();
            String query = request.uri().getRawQuery();
            String line = request.method() + " " + request.uri().getRawPath() + (query == null ? "" : "?" + query)
                    + " -> " + exchange.response().status();
            PROBLEMS.add(line + "\n    " + String.join("\n    ", problems));
        }
    }

    /** The problems seen since the last call, which forgets them. */
    static List<String> drain() {
        List<String> out = new ArrayList<>();
        for (String p; (p = PROBLEMS.poll()) != null; ) {
            out.add(p);
        }
        return out;
    }
}
