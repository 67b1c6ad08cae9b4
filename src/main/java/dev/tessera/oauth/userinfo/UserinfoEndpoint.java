package dev.tessera.oauth.userinfo;

import dev.tessera.http.RequestBodies;
import dev.tessera.login.RefreshTokenRepository;
import dev.tessera.login.UserGrantRepository;
import dev.tessera.oauth.OAuthError;
import dev.tessera.oauth.OAuthException;
import dev.tessera.oauth.OAuthResponses;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.snapshot.ClientEntry;
import dev.tessera.snapshot.CompiledClaim;
import dev.tessera.template.TokenBudget;
import dev.tessera.token.AccessTokenIssuer;
import dev.tessera.token.ClaimBudgetExceededException;
import dev.tessera.token.ClaimSelector;
import dev.tessera.token.TokenIntrospector;
import dev.tessera.token.TokenRefusedException;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * UserInfo — OpenID Connect Core §5.3. For a valid bearer access token: {@code sub} and the
 * claims configured with {@code include_in_token=false}, rendered for the token's client; for a
 * user's token (its {@code sub} is not its client) also the user claims given at login.
 */
public final class UserinfoEndpoint {
    private final TokenIntrospector introspector;
    private final UserGrantRepository grants;
    private final RefreshTokenRepository refreshTokens;

    public UserinfoEndpoint(TokenIntrospector introspector, UserGrantRepository grants,
                            RefreshTokenRepository refreshTokens) {
        this.introspector = introspector;
        this.grants = grants;
        this.refreshTokens = refreshTokens;
    }

    public void handle(Context ctx, AuthServerConfig server) {
        String token = RequestBodies.bearerToken(ctx).orElseThrow(
                () -> new OAuthException(OAuthError.INVALID_TOKEN, "a bearer access token is required"));
        var active = introspector.inspect(server, token)
                .orElseThrow(() -> new OAuthException(OAuthError.INVALID_TOKEN, "the access token is not active"));
        ClientEntry client = server.clients().get(active.clientId());
        Map<String, Object> body = new LinkedHashMap<>();
        Object sub = active.claims().get("sub");
        body.put("sub", sub);
        if (!active.clientId().equals(sub)) {
            // A user's token (issue 10): the claims the login application gave when it accepted the login.
            // A token from a code (or implicit) has its grant; one from a refresh token, that token's row.
            grants.byAccessToken(server.server().id(), active.clientId(), active.jti())
                    .or(() -> refreshTokens.grantByAccessToken(server.server().id(), active.clientId(), active.jti()))
                    .ifPresent(g -> g.claims().forEach(body::putIfAbsent));
        }
        // The claims of one response share one template budget, as those of one token do.
        TokenBudget budget = TokenBudget.perToken();
        try {
            for (CompiledClaim c : server.claims()) {
                if (ClaimSelector.inUserinfo(c.claim())) {
                    body.put(c.claim().name(), AccessTokenIssuer.render(c, client, budget));
                }
            }
        } catch (TokenRefusedException e) {
            throw new OAuthException(OAuthError.SERVER_ERROR, e.getMessage());
        } catch (ClaimBudgetExceededException e) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, e.getMessage());
        }
        OAuthResponses.json(ctx, 200, body);
    }
}
