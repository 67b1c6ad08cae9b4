package dev.tessera.admin;

import dev.tessera.admintoken.AdminTokens;
import dev.tessera.http.ProblemException;
import dev.tessera.http.RequestBodies;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.util.List;

/** Every {@code /v1} request carries {@code Authorization: Bearer <admin token>}; 401 otherwise. */
final class AdminAuthentication implements Handler {
    private final AdminTokens tokens;

    AdminAuthentication(AdminTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void handle(Context ctx) {
        String token = RequestBodies.bearerToken(ctx).orElse(null);
        if (!tokens.isValid(token)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"tessera\"");
            throw new ProblemException(401, "Unauthorized", "A valid admin token is required", List.of());
        }
    }
}
