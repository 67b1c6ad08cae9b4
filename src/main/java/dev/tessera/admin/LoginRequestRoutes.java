package dev.tessera.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.http.InvalidParameter;
import dev.tessera.http.JsonBody;
import dev.tessera.http.ProblemException;
import dev.tessera.http.Responses;
import dev.tessera.http.RouteGroup;
import dev.tessera.login.Acceptance;
import dev.tessera.login.LoginDecisions;
import dev.tessera.login.LoginException;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.snapshot.ConfigSnapshots;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /v1/auth-servers/{authServerId}/login-requests/{login_challenge}[/accept|/reject]}: the
 * login handoff for a login application that holds an admin token instead of its client's
 * credentials (issue 10). The same decisions as at the issuer, for any client of the auth server.
 */
final class LoginRequestRoutes implements RouteGroup {
    static final String PATH = AuthServerRoutes.PATH + "/{authServerId}/login-requests/{challenge}";

    private final AdminContext admin;
    private final ConfigSnapshots snapshots;
    private final LoginDecisions logins;

    LoginRequestRoutes(AdminContext admin, ConfigSnapshots snapshots, LoginDecisions logins) {
        this.admin = admin;
        this.snapshots = snapshots;
        this.logins = logins;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi r) {
        r.get(PATH, this::get);
        r.post(PATH + "/accept", this::accept);
        r.post(PATH + "/reject", this::reject);
    }

    private void get(Context ctx) {
        AuthServerConfig server = server(ctx);
        String challenge = challenge(ctx);
        Responses.json(ctx, 200, mapped(() -> LoginDecisions.describe(challenge, logins.pending(server, challenge, null))));
    }

    private void accept(Context ctx) {
        AuthServerConfig server = server(ctx);
        String challenge = challenge(ctx);
        ObjectNode body = JsonBody.read(ctx, admin.maxBodyBytes());
        var decision = mapped(() -> logins.accept(server, challenge, null, Acceptance.from(body)));
        Responses.json(ctx, 200, Map.of("redirect_to", decision.redirectTo()));
    }

    private void reject(Context ctx) {
        AuthServerConfig server = server(ctx);
        String challenge = challenge(ctx);
        ObjectNode body = JsonBody.read(ctx, admin.maxBodyBytes());
        var decision = mapped(() -> logins.reject(server, challenge, null, text(body, "error"),
                text(body, "error_description")));
        Responses.json(ctx, 200, Map.of("redirect_to", decision.redirectTo()));
    }

    private AuthServerConfig server(Context ctx) {
        return snapshots.byId(admin.authServer(ctx).id())
                .orElseThrow(() -> ProblemException.notFound("Auth server not found"));
    }

    private static String challenge(Context ctx) {
        String challenge = ctx.pathParam("challenge");
        if (challenge.length() > 100) {
            throw ProblemException.notFound("Login request not found");
        }
        return challenge;
    }

    private static String text(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ProblemException.invalid(InvalidParameter.of("body", field, "type", "must be a string"));
        }
        return v.asText();
    }

    private static <T> T mapped(Supplier<T> work) {
        try {
            return work.get();
        } catch (LoginException e) {
            throw switch (e.kind()) {
                case NOT_FOUND -> ProblemException.notFound("Login request not found");
                case GONE -> new ProblemException(410, "Gone", e.getMessage(), List.of());
                case INVALID -> ProblemException.badRequest("Invalid request: " + e.getMessage(),
                        List.of(InvalidParameter.of("body", e.field(), "invalid", e.getMessage())));
            };
        }
    }
}
