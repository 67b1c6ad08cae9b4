package dev.tessera.http;

import io.javalin.router.JavalinDefaultRoutingApi;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code /health/live} and {@code /health/ready} (the database answers), served on every listener;
 * {@code /metrics} (Prometheus text) is {@link #metrics}, served with the management API.
 */
public final class HealthRoutes implements RouteGroup {
    private final BooleanSupplier databaseReachable;

    public HealthRoutes(BooleanSupplier databaseReachable) {
        this.databaseReachable = databaseReachable;
    }

    /** {@code GET /metrics}: Prometheus text. */
    public static RouteGroup metrics(PrometheusMeterRegistry metrics) {
        return r -> r.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi r) {
        r.get("/health/live", ctx -> Responses.json(ctx, 200, Map.of("status", "ok")));
        r.get("/health/ready", ctx -> {
            boolean ok = databaseReachable.getAsBoolean();
            Responses.json(ctx, ok ? 200 : 503, Map.of("status", ok ? "ok" : "unavailable",
                    "database", ok ? "ok" : "unreachable"));
        });
    }
}
