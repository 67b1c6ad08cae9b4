package dev.tessera.http;

import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes JSON and problem+json bodies; the only place that sets those content types. */
public final class Responses {
    public static final String TRACE_ATTRIBUTE = "tessera.trace";

    private Responses() {
    }

    public static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    public static void problem(Context ctx, ProblemException p) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", p.status());
        body.put("title", p.title());
        body.put("type", "https://httpstatuses.com/" + p.status());
        body.put("instance", "tessera:trace:" + traceId(ctx));
        body.put("detail", p.detail());
        if (!p.invalidParameters().isEmpty()) {
            List<Map<String, Object>> params = p.invalidParameters().stream().map(InvalidParameter::toJson).toList();
            body.put("invalid_parameters", params);
        }
        ctx.status(p.status()).contentType("application/problem+json").result(Json.write(body));
    }

    public static String traceId(Context ctx) {
        String id = ctx.attribute(TRACE_ATTRIBUTE);
        return id == null ? "unknown" : id;
    }
}
