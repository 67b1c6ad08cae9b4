package dev.tessera.http;

import io.javalin.router.JavalinDefaultRoutingApi;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Map;
import java.util.function.BooleanSupplier;

/** {@code /health/live}, {@code /health/ready} (the database answers) and {@code /metrics} (Prometheus text). */
public final class HealthRoutes implements RouteGroup {
    private final BooleanSupplier databaseReachable;
    private final PrometheusMeterRegistry metrics;

    public HealthRoutes(BooleanSupplier databaseReachable, PrometheusMeterRegistry metrics) {
        this.databaseReachable = databaseReachable;
        this.metrics = metrics;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi r) {
        r.get("/health/live", ctx -> Responses.json(ctx, 200, Map.of("status", "ok")));
        r.get("/health/ready", ctx -> {
            boolean ok = databaseReachable.getAsBoolean();
            Responses.json(ctx, ok ? 200 : 503, Map.of("status", ok ? "ok" : "unavailable",
                    "database", ok ? "ok" : "unreachable"));
        });
        r.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
    }
}
