package dev.tessera.http;

import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes JSON and problem+json bodies; the only place that sets those content types. */
public final class Responses {
    public static final String TRACE_ATTRIBUTE = "tessera.trace";
    /** A body with thousands of bad keys must not get a megabyte back: the first ones are enough to fix it. */
    public static final int MAX_LISTED_PARAMETERS = 20;

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
        List<InvalidParameter> invalid = p.invalidParameters();
        String detail = p.detail();
        if (invalid.size() > MAX_LISTED_PARAMETERS) {
            detail += " (the first " + MAX_LISTED_PARAMETERS + " are listed, " + (invalid.size() - MAX_LISTED_PARAMETERS)
                    + " more are not)";
            invalid = invalid.subList(0, MAX_LISTED_PARAMETERS);
        }
        body.put("detail", detail);
        if (!invalid.isEmpty()) {
            body.put("invalid_parameters", invalid.stream().map(InvalidParameter::toJson).toList());
        }
        ctx.status(p.status()).contentType("application/problem+json").result(Json.write(body));
    }

    public static String traceId(Context ctx) {
        String id = ctx.attribute(TRACE_ATTRIBUTE);
        return id == null ? "unknown" : id;
    }
}
