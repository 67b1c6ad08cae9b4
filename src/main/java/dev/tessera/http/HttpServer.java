package dev.tessera.http;

import dev.tessera.config.TesseraConfig;
import dev.tessera.store.DatabaseAvailability;
import dev.tessera.store.DatabaseUnavailableException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds the Javalin server: trace ids, one log line and one metric sample per request,
 * and the mapping of every error to a response without a stack trace.
 */
public final class HttpServer {
    /** Bodies up to this size are always received whole, whatever the management limit (OAuth forms need 16 KiB). */
    private static final int MIN_RECEIVED_BYTES = 64 * 1024;
    /** How much of an oversized body is read and thrown away so that the client can read the 413. */
    private static final long DRAIN_BYTES = 4L * 1024 * 1024;
    /** Javalin's copy buffer per response (see create). */
    static final int RESPONSE_COPY_BYTES = 4096;

    private static final Logger requestLog = LoggerFactory.getLogger("tessera.request");
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private HttpServer() {
    }

    /** One server on the main listener ({@code TESSERA_HTTP_HOST}, {@code TESSERA_HTTP_PORT}). */
    public static Javalin create(TesseraConfig config, MeterRegistry metrics, List<RouteGroup> groups) {
        return create(config, config.httpHost(), config.httpPort(), metrics, groups);
    }

    /** One server listening on {@code host:port} and serving {@code groups}. */
    public static Javalin create(TesseraConfig config, String host, int port, MeterRegistry metrics, List<RouteGroup> groups) {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            // Our own connector (Javalin then adds none): its connections remember unparsable targets.
            cfg.jetty.addConnector((server, httpConfig) -> {
                ServerConnector connector = new ServerConnector(server, new TargetRememberingConnectionFactory(httpConfig));
                connector.setHost(host);
                connector.setPort(port);
                return connector;
            });
            cfg.http.maxRequestSize = config.maxBodyBytes();
            // Javalin copies each response from the result stream through a buffer of this size, new
            // on every request, which defaults to Jetty's output buffer (32 KiB): most of what a token
            // request allocated (JFR, docs/PERFORMANCE.md "Round 2"). Our responses are a few KiB;
            // larger ones take a few more turns of the copy loop. Jetty's own buffer is unchanged.
            cfg.http.responseBufferSize = RESPONSE_COPY_BYTES;
            cfg.http.prefer405over404 = true;
            cfg.router.ignoreTrailingSlashes = true;
            long received = Math.max(config.maxBodyBytes(), MIN_RECEIVED_BYTES);
            cfg.jetty.modifyServer(server -> server.insertHandler(new BodyReception(
                    received, Math.max(DRAIN_BYTES, 2 * received), config.bodyTimeoutSeconds() * 1000L)));
            // Inserted last, so outermost: a request still receiving its body counts as in flight.
            cfg.jetty.modifyServer(GracefulStop::install);
            // Errors Jetty raises before routing (bad request line, ambiguous URI, oversized header) as JSON.
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            cfg.jetty.modifyHttpConfiguration(h -> {
                h.setSendServerVersion(false);
                h.setSendXPoweredBy(false);
                // Refuse ambiguous paths (%2F, %2e%2e, empty segments) before routing: no route needs them,
                // and a path that means two things to two parsers is how access checks get bypassed.
                h.setUriCompliance(UriCompliance.DEFAULT);
            });
            // Timers by method, route template and status: looked up, not rebuilt, on every request.
            Map<String, Timer> timers = new ConcurrentHashMap<>();
            cfg.requestLogger.http((ctx, ms) -> record(ctx, ms, metrics, timers));
            var routes = cfg.routes;
            routes.before(ctx -> {
                String trace = Long.toUnsignedString(ThreadLocalRandom.current().nextLong());
                ctx.attribute(Responses.TRACE_ATTRIBUTE, trace);
                ctx.header("X-Trace-Id", trace);
            });
            routes.exception(ProblemException.class, (e, ctx) -> Responses.problem(ctx, e));
            routes.exception(DatabaseUnavailableException.class, (e, ctx) -> {
                log.warn("database unavailable, trace {}: {}", Responses.traceId(ctx), e.getMessage());
                ctx.header("Retry-After", Integer.toString(DatabaseAvailability.RETRY_AFTER_SECONDS));
                Responses.problem(ctx, new ProblemException(503, "Service Unavailable",
                        "The database is temporarily unavailable; retry later", List.of()));
            });
            routes.exception(HttpResponseException.class, (e, ctx) -> Responses.problem(ctx, fromJavalin(e)));
            routes.exception(Exception.class, (e, ctx) -> {
                log.error("unexpected error, trace {}", Responses.traceId(ctx), e);
                Responses.problem(ctx, new ProblemException(500, "Internal Server Error",
                        "The server could not complete the request", List.of()));
            });
            for (RouteGroup group : groups) {
                group.addTo(routes);
            }
        });
    }

    private static ProblemException fromJavalin(HttpResponseException e) {
        int status = e.getStatus();
        return switch (status) {
            case 404 -> ProblemException.notFound("No such resource");
            case 405 -> new ProblemException(405, "Method Not Allowed", "Method not allowed on this resource", List.of());
            case 413 -> new ProblemException(413, "Content Too Large", "Request body is too large", List.of());
            default -> new ProblemException(status, statusTitle(status), e.getMessage(), List.of());
        };
    }

    private static String statusTitle(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 415 -> "Unsupported Media Type";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }

    private static void record(Context ctx, float ms, MeterRegistry metrics, Map<String, Timer> timers) {
        var endpoint = ctx.endpoints().matchedHttpEndpoint();
        String route = endpoint == null ? "unmatched" : endpoint.path;
        int status = ctx.statusCode();
        String method = ctx.method().name();
        Timer timer = timers.computeIfAbsent(method + ' ' + status + ' ' + route, k -> Timer.builder("http.server.requests")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(metrics));
        timer.record((long) (ms * 1_000_000), TimeUnit.NANOSECONDS);
        if (requestLog.isInfoEnabled()) {
            requestLog.info("{} {} {} {}ms trace={}", method, ctx.path(), status, Math.round(ms * 100) / 100.0,
                    Responses.traceId(ctx));
        }
    }
}
