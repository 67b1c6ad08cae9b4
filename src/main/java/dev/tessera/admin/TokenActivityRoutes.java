package dev.tessera.admin;

import dev.tessera.authserver.AuthServer;
import dev.tessera.http.InvalidParameter;
import dev.tessera.http.ProblemException;
import dev.tessera.http.Responses;
import dev.tessera.http.RouteGroup;
import dev.tessera.store.Timestamps;
import dev.tessera.token.TokenActivity;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /v1/auth-servers/{authServerId}/token-activity?window=hour|day} (a Tessera
 * addition): tokens issued per client over the last hour (5-minute buckets) or day (hourly
 * buckets), for the console's activity charts.
 */
final class TokenActivityRoutes implements RouteGroup {
    private static final List<String> WINDOWS = List.of("hour", "day");

    private final AdminContext admin;
    private final TokenActivity activity;

    TokenActivityRoutes(AdminContext admin, TokenActivity activity) {
        this.admin = admin;
        this.activity = activity;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi r) {
        r.get(AuthServerRoutes.PATH + "/{authServerId}/token-activity", this::get);
    }

    private void get(Context ctx) {
        AuthServer server = admin.authServer(ctx);
        List<String> values = ctx.queryParams("window");
        String window = values.isEmpty() ? "hour" : values.getFirst();
        if (values.size() > 1 || !WINDOWS.contains(window)) {
            throw ProblemException.badRequest("Invalid request: window must be hour or day",
                    List.of(InvalidParameter.choice("query", "window", WINDOWS)));
        }
        TokenActivity.Counts counts = activity.count(server.id(), TokenActivity.Window.valueOf(window.toUpperCase(Locale.ROOT)),
                Timestamps.nowMicros());
        Responses.json(ctx, 200, render(window, counts));
    }

    private static Map<String, Object> render(String window, TokenActivity.Counts counts) {
        long[] total = counts.total();
        List<Map<String, Object>> buckets = new ArrayList<>();
        for (int i = 0; i < total.length; i++) {
            Map<String, Object> bucket = new LinkedHashMap<>();
            bucket.put("start", Timestamps.format(counts.from() + i * counts.window().bucket));
            bucket.put("count", total[i]);
            buckets.add(bucket);
        }
        List<Map<String, Object>> clients = new ArrayList<>();
        counts.byClient().forEach((clientId, c) -> {
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("client_id", clientId);
            client.put("total", Arrays.stream(c).sum());
            client.put("counts", Arrays.stream(c).boxed().toList());
            clients.add(client);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("window", window);
        out.put("bucket_seconds", counts.window().bucket / 1_000_000);
        out.put("from", Timestamps.format(counts.from()));
        out.put("to", Timestamps.format(counts.to()));
        out.put("total", Arrays.stream(total).sum());
        out.put("buckets", buckets);
        out.put("clients", clients);
        return out;
    }
}
