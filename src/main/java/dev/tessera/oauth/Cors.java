package dev.tessera.oauth;

import io.javalin.http.Context;

import java.util.List;

/** CORS for an auth server's {@code trusted_origins}: only those origins get the headers. */
final class Cors {
    private Cors() {
    }

    static void apply(Context ctx, List<String> trustedOrigins) {
        // Every answer depends on Origin, also one without CORS headers: a shared cache must not
        // hand a trusted origin's discovery or JWKS response to another origin, nor the reverse.
        ctx.header("Vary", "Origin");
        String origin = ctx.header("Origin");
        if (origin == null || !trustedOrigins.contains(origin)) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
        ctx.header("Access-Control-Max-Age", "600");
    }
}
