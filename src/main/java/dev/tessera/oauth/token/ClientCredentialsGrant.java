package dev.tessera.oauth.token;

import dev.tessera.oauth.FormRequest;
import dev.tessera.oauth.OAuthError;
import dev.tessera.oauth.OAuthException;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.snapshot.ClientEntry;
import dev.tessera.token.AccessTokenIssuer;
import dev.tessera.token.ScopePolicy;

import java.util.List;
import java.util.Map;

/** Client credentials grant — RFC 6749 §4.4. */
public final class ClientCredentialsGrant implements GrantHandler {
    private final AccessTokenIssuer issuer;

    public ClientCredentialsGrant(AccessTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public String grantType() {
        return "client_credentials";
    }

    @Override
    public Map<String, Object> handle(AuthServerConfig server, ClientEntry client, FormRequest request) {
        // scope (OPTIONAL) — RFC 6749 §4.4.2
        List<String> requested = request.get("scope").map(ScopePolicy::split).orElse(List.of());
        ScopePolicy.Decision decision = ScopePolicy.decide(client.client(), requested, server.scopesByName(), server.scopes());
        if (!decision.ok()) {
            throw new OAuthException(OAuthError.INVALID_SCOPE,
                    "scope '" + decision.refused() + "' is not allowed for this client");
        }
        return GrantHandler.bearer(issuer.issue(server, client, decision.granted(), !requested.isEmpty()));
    }
}
