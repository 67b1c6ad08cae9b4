package dev.tessera.admin;

import dev.tessera.admintoken.AdminToken;
import dev.tessera.admintoken.AdminTokens;
import dev.tessera.http.ProblemException;
import dev.tessera.http.RequestBodies;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

import java.util.List;
import java.util.Set;

/**
 * Every {@code /v1} request carries {@code Authorization: Bearer <admin token>}; 401 otherwise.
 * A read-only token may only read (GET, and a configuration plan): anything else is a 403. The token is kept on the request
 * for the audit log.
 */
final class AdminAuthentication implements Handler {
    static final String TOKEN_ATTRIBUTE = "tessera.admin-token";
    private static final Set<HandlerType> READS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final AdminTokens tokens;

    AdminAuthentication(AdminTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void handle(Context ctx) {
        String value = RequestBodies.bearerToken(ctx).orElse(null);
        AdminToken token = tokens.authenticate(value).orElse(null);
        if (token == null) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"tessera\"");
            throw new ProblemException(401, "Unauthorized", "A valid admin token is required", List.of());
        }
        // A plan only reads, so a read-only token (CI checking a pull request) may ask for one.
        if (token.readOnly() && !READS.contains(ctx.method()) && !ctx.path().equals(ConfigRoutes.PLAN)) {
            throw ProblemException.forbidden("This admin token is read-only");
        }
        ctx.attribute(TOKEN_ATTRIBUTE, token);
    }
}
