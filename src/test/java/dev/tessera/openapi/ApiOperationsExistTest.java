package dev.tessera.openapi;

import dev.tessera.support.Backend;
import dev.tessera.support.Http;
import dev.tessera.support.Servers;
import dev.tessera.support.TesseraApiDescription;
import dev.tessera.support.TestServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation in the description is routed by the server: a request to it, with ids that
 * exist nowhere, is answered by the operation (401, 400, 404 for the unknown object, ...), never
 * by the router's "no such route" 404 or 405.
 */
class ApiOperationsExistTest {
    /**
     * Operations described here that a branch built in parallel has not delivered yet. Each must
     * still be missing from this server; once its branch is merged the test fails here: remove it
     * from this list, and from then on it is checked like every other operation. Empty: every
     * described operation is served.
     */
    static final Set<String> BUILT_ON_OTHER_BRANCHES = Set.of();

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    private final TestServer server = Servers.get(Backend.SQLITE);
    private final Http http = server.http;

    @Test
    void everyDescribedOperationIsRouted() {
        var unrouted = http.get("/v1/no-such-resource-" + UUID.randomUUID());
        assertThat(unrouted.status()).isEqualTo(404);
        String noRoute = unrouted.text("detail");

        List<String> missing = new ArrayList<>();
        List<String> nowBuilt = new ArrayList<>();
        List<TesseraApiDescription.Operation> operations = TesseraApiDescription.get().operations();
        assertThat(operations).hasSizeGreaterThanOrEqualTo(45);
        for (var op : operations) {
            Http.Response r = http.send(request(op));
            boolean routed = r.status() != 405 && !(r.status() == 404 && noRoute.equals(r.text("detail")));
            String name = op.name().replaceFirst("^[A-Z]+", op.method().toUpperCase());
            if (BUILT_ON_OTHER_BRANCHES.contains(name)) {
                if (routed) {
                    nowBuilt.add(name + " -> " + r);
                }
            } else if (!routed) {
                missing.add(name + " -> " + r);
            }
        }
        assertThat(missing).as("described but not served").isEmpty();
        assertThat(nowBuilt).as("served now: remove from BUILT_ON_OTHER_BRANCHES").isEmpty();
        assertThat(operations.stream().map(o -> o.method().toUpperCase() + " " + o.template()).toList())
                .containsAll(BUILT_ON_OTHER_BRANCHES);
    }

    /** The operation's path with ids that exist nowhere; a JSON object as the body where one is read. */
    private HttpRequest.Builder request(TesseraApiDescription.Operation op) {
        Matcher m = PARAMETER.matcher(op.template());
        StringBuilder path = new StringBuilder("/v1");
        int last = 0;
        while (m.find()) {
            path.append(op.template(), last, m.start());
            path.append(m.group(1).equals("clientId") ? "no-such-client" : UUID.randomUUID().toString());
            last = m.end();
        }
        path.append(op.template().substring(last));
        var builder = http.admin(path.toString());
        if (op.node().has("requestBody")) {
            return builder.header("Content-Type", "application/json")
                    .method(op.method().toUpperCase(), HttpRequest.BodyPublishers.ofString("{}"));
        }
        return builder.method(op.method().toUpperCase(), HttpRequest.BodyPublishers.noBody());
    }
}
