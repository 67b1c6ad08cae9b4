package dev.tessera.oauth.authorize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.http.Json;
import dev.tessera.login.Acceptance;
import dev.tessera.login.LoginDecisions;
import dev.tessera.login.LoginException;
import dev.tessera.oauth.FormRequest;
import dev.tessera.oauth.OAuthError;
import dev.tessera.oauth.OAuthException;
import dev.tessera.oauth.OAuthResponses;
import dev.tessera.oauth.clientauth.ClientAuthenticator;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.snapshot.ClientEntry;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code {issuer}/login-requests/{login_challenge}[/accept|/reject]}: the login application,
 * authenticated with its client's own credentials (HTTP Basic, as at the token endpoint), reads
 * a login request of that client and accepts or rejects it once (issue 10).
 */
public final class LoginRequestEndpoint {

    private final LoginDecisions logins;
    private final ClientAuthenticator authenticator;

    public LoginRequestEndpoint(LoginDecisions logins, ClientAuthenticator authenticator) {
        this.logins = logins;
        this.authenticator = authenticator;
    }

    public void get(Context ctx, AuthServerConfig server) {
        ClientEntry client = authenticator.authenticate(server, FormRequest.credentialsOnly(ctx));
        String challenge = ctx.pathParam("challenge");
        OAuthResponses.json(ctx, 200, mapped(() -> LoginDecisions.describe(challenge,
                logins.pending(server, challenge, client.client().id()))));
    }

    public void accept(Context ctx, AuthServerConfig server) {
        ClientEntry client = authenticator.authenticate(server, FormRequest.credentialsOnly(ctx));
        ObjectNode body = body(ctx);
        String challenge = ctx.pathParam("challenge");
        var decision = mapped(() -> logins.accept(server, challenge, client.client().id(), Acceptance.from(body)));
        OAuthResponses.json(ctx, 200, Map.of("redirect_to", decision.redirectTo()));
    }

    public void reject(Context ctx, AuthServerConfig server) {
        ClientEntry client = authenticator.authenticate(server, FormRequest.credentialsOnly(ctx));
        ObjectNode body = body(ctx);
        String challenge = ctx.pathParam("challenge");
        var decision = mapped(() -> logins.reject(server, challenge, client.client().id(), text(body, "error"),
                text(body, "error_description")));
        OAuthResponses.json(ctx, 200, Map.of("redirect_to", decision.redirectTo()));
    }

    private static String text(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, field + " must be a string");
        }
        return v.asText();
    }

    private static <T> T mapped(Supplier<T> work) {
        try {
            return work.get();
        } catch (LoginException e) {
            throw new OAuthException(switch (e.kind()) {
                case NOT_FOUND -> OAuthError.NOT_FOUND;
                case GONE -> OAuthError.GONE;
                case INVALID -> OAuthError.INVALID_REQUEST;
            }, e.getMessage());
        }
    }

    /** An empty body is an empty object (reject needs nothing); anything else must be a JSON object. */
    private static ObjectNode body(Context ctx) {
        byte[] bytes = FormRequest.bodyBytes(ctx);
        if (bytes.length == 0) {
            return Json.MAPPER.createObjectNode();
        }
        String type = String.valueOf(ctx.header("Content-Type")).toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "the request body must be application/json");
        }
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (node instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new OAuthException(OAuthError.INVALID_REQUEST, "the request body must be a JSON object");
    }
}
