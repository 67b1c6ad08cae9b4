package dev.tessera.oauth;

import dev.tessera.http.Json;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes OAuth responses: JSON whatever the Accept header says, never cached. */
public final class OAuthResponses {
    private OAuthResponses() {
    }

    public static void json(Context ctx, int status, Object body) {
        noStore(ctx);
        ctx.status(status).contentType("application/json;charset=UTF-8").result(Json.write(body));
    }

    public static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
    }

    public static void error(Context ctx, OAuthException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error().code());
        if (e.description() != null) {
            body.put("error_description", e.description());
        }
        if (e.error() == OAuthError.INVALID_CLIENT && e.basicAuthUsed()) {
            ctx.header("WWW-Authenticate", "Basic realm=\"tessera\", charset=\"UTF-8\"");
        }
        if (e.error() == OAuthError.INVALID_TOKEN) {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"" + e.description() + "\"");
        }
        if (e.error() == OAuthError.METHOD_NOT_ALLOWED) {
            ctx.header("Allow", "POST");
        }
        if (e.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        json(ctx, e.error().status(), body);
    }
}
