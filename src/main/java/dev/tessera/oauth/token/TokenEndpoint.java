package dev.tessera.oauth.token;

import dev.tessera.token.ClaimBudgetExceededException;

import dev.tessera.token.TokenTooLargeException;

import dev.tessera.token.ClientGoneException;

import dev.tessera.token.TokenRefusedException;

import dev.tessera.oauth.FormRequest;
import dev.tessera.oauth.OAuthError;
import dev.tessera.oauth.OAuthException;
import dev.tessera.oauth.OAuthResponses;
import dev.tessera.oauth.clientauth.ClientAuthenticator;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.snapshot.ClientEntry;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The token endpoint — RFC 6749 §3.2: authenticate the client once, then hand over to the grant's handler. */
public final class TokenEndpoint {
    private final ClientAuthenticator authenticator;
    private final Map<String, GrantHandler> handlers;

    public TokenEndpoint(ClientAuthenticator authenticator, List<GrantHandler> handlers) {
        this.authenticator = authenticator;
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(GrantHandler::grantType, Function.identity()));
    }

    public List<String> grantTypes() {
        return handlers.keySet().stream().sorted().toList();
    }

    public void handle(Context ctx, AuthServerConfig server) {
        FormRequest form = FormRequest.from(ctx);
        // grant_type (REQUIRED) — RFC 6749 §4.4.2
        String grantType = form.require("grant_type");
        ClientEntry client = publicClient(server, form, grantType).orElseGet(() -> authenticator.authenticate(server, form));
        GrantHandler handler = handlers.get(grantType);
        if (handler == null) {
            throw new OAuthException(OAuthError.UNSUPPORTED_GRANT_TYPE, "grant type '" + grantType + "' is not supported");
        }
        if (!client.client().grantTypes().contains(grantType)) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT, "this client may not use the " + grantType + " grant");
        }
        OAuthResponses.json(ctx, 200, issue(handler, server, client, form));
    }

    /**
     * A public client (token_endpoint_auth_method none, RFC 6749 §2.1) redeeming a code names
     * itself with client_id and proves nothing more; its code is bound to a PKCE verifier instead,
     * which the grant checks, and its refresh tokens rotate on every use (RFC 9700 §4.14.2).
     * Any other client authenticates.
     */
    private static Optional<ClientEntry> publicClient(AuthServerConfig server, FormRequest form, String grantType) {
        if (!(grantType.equals("authorization_code") || grantType.equals("refresh_token")) || form.basic().isPresent() || form.get("client_secret").isPresent()) {
            return Optional.empty();
        }
        return form.get("client_id").map(id -> server.clients().get(id)).filter(c -> c.client().isPublic());
    }

    /** The issuer's refusals, the same for every grant, become their OAuth errors here. */
    private static Map<String, Object> issue(GrantHandler handler, AuthServerConfig server, ClientEntry client, FormRequest form) {
        try {
            return handler.handle(server, client, form);
        } catch (TokenRefusedException e) {
            throw new OAuthException(OAuthError.SERVER_ERROR, e.getMessage());
        } catch (ClientGoneException e) {
            // Deleted after it authenticated (or on another node before the change arrived): as for any unknown client.
            throw new OAuthException(OAuthError.INVALID_CLIENT, "client authentication failed", e.getMessage(),
                    form.basic().isPresent());
        } catch (TokenTooLargeException | ClaimBudgetExceededException e) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, e.getMessage());
        }
    }
}
