package dev.tessera.console;

import io.javalin.http.Context;

/**
 * The headers of every console response. The page runs only the scripts and styles it was
 * shipped with (no inline script, no eval, nothing from elsewhere), cannot be framed, and
 * sends no Referer that could carry an auth server or client id to another site.
 */
final class ConsoleHeaders {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private ConsoleHeaders() {
    }

    static void apply(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    }
}
