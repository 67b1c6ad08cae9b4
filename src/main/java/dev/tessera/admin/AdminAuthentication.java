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
 * A read-only token may only read: any other method is a 403. The token is kept on the request
 * for the audit log.
 */
final class AdminAuthentication implements Handler {
    static final String TOKEN_ATTRIBUTE = "tessera.admin-token";
    private static final Set<HandlerType> READS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
    /** The API's own description holds no secret and is read by tools before they have a token. */
    private static final Set<String> OPEN_PATHS = Set.of("/v1/openapi.json");

    private final AdminTokens tokens;

    AdminAuthentication(AdminTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void handle(Context ctx) {
        boolean read = ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD;
        if (read && OPEN_PATHS.contains(stripTrailingSlash(ctx.path()))) {
            return;
        }
        String value = RequestBodies.bearerToken(ctx).orElse(null);
        AdminToken token = tokens.authenticate(value).orElse(null);
        if (token == null) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"tessera\"");
            throw new ProblemException(401, "Unauthorized", "A valid admin token is required", List.of());
        }
        if (token.readOnly() && !READS.contains(ctx.method())) {
            throw ProblemException.forbidden("This admin token is read-only");
        }
        ctx.attribute(TOKEN_ATTRIBUTE, token);
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
