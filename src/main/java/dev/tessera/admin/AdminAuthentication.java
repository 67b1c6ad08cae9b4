package dev.tessera.admin;

import dev.tessera.admintoken.AdminToken;
import dev.tessera.admintoken.AdminTokens;
import dev.tessera.admintoken.ConsoleSession;
import dev.tessera.admintoken.ConsoleSessions;
import dev.tessera.http.ProblemException;
import dev.tessera.http.RequestBodies;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

import java.util.List;
import java.util.Set;

/**
 * Every {@code /v1} request carries {@code Authorization: Bearer <admin token>}, or the web
 * console's session cookie together with that session's CSRF token in {@code X-CSRF-Token};
 * 401 otherwise (403 for a live session without the right CSRF token). A read-only token, or a
 * session opened with one, may only read (GET, and a configuration plan): any other method is a 403. The admin token is kept
 * on the request for the audit log, so a change made in the console names the token behind it.
 */
final class AdminAuthentication implements Handler {
    static final String TOKEN_ATTRIBUTE = "tessera.admin-token";
    private static final Set<HandlerType> READS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
    /** The API's own description holds no secret and is read by tools before they have a token. */
    private static final Set<String> OPEN_PATHS = Set.of("/v1/openapi.json");

    private final AdminTokens tokens;
    private final ConsoleSessions sessions;

    AdminAuthentication(AdminTokens tokens, ConsoleSessions sessions) {
        this.tokens = tokens;
        this.sessions = sessions;
    }

    @Override
    public void handle(Context ctx) {
        boolean read = ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD;
        if (read && OPEN_PATHS.contains(stripTrailingSlash(ctx.path()))) {
            return;
        }
        String value = RequestBodies.bearerToken(ctx).orElse(null);
        AdminToken token;
        if (value == null && ctx.header("Authorization") == null && sessions != null && ctx.cookie(ConsoleSessions.COOKIE) != null) {
            token = fromSession(ctx, ctx.cookie(ConsoleSessions.COOKIE));
        } else {
            token = tokens.authenticate(value).orElseThrow(() -> unauthorized(ctx, "A valid admin token is required"));
        }
        // A plan only reads, so a read-only token (CI checking a pull request) may ask for one.
        if (token.readOnly() && !READS.contains(ctx.method()) && !ctx.path().equals(ConfigRoutes.PLAN)) {
            throw ProblemException.forbidden("This admin token is read-only");
        }
        ctx.attribute(TOKEN_ATTRIBUTE, token);
    }

    /**
     * The cookie alone proves nothing: a browser sends it with requests another site makes it
     * send. Only the page that signed in knows the CSRF token, so every method needs it.
     */
    private AdminToken fromSession(Context ctx, String sessionId) {
        ConsoleSession session = sessions.find(sessionId)
                .orElseThrow(() -> unauthorized(ctx, "The console session has ended; sign in again"));
        if (!sessions.csrfTokenMatches(sessionId, ctx.header(ConsoleSessions.CSRF_HEADER))) {
            throw ProblemException.forbidden("A console request needs the session's " + ConsoleSessions.CSRF_HEADER + " header");
        }
        return session.token();
    }

    private static ProblemException unauthorized(Context ctx, String detail) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"tessera\"");
        return new ProblemException(401, "Unauthorized", detail, List.of());
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
