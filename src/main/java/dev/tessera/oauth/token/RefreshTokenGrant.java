package dev.tessera.oauth.token;

import dev.tessera.login.LoginDecisions;
import dev.tessera.login.RefreshTokenRepository;
import dev.tessera.login.RefreshTokens;
import dev.tessera.login.UserGrant;
import dev.tessera.login.UserScopes;
import dev.tessera.oauth.FormRequest;
import dev.tessera.oauth.OAuthError;
import dev.tessera.oauth.OAuthException;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.snapshot.ClientEntry;
import dev.tessera.token.AccessTokenIssuer;
import dev.tessera.token.IdTokenIssuer;
import dev.tessera.token.ScopePolicy;
import dev.tessera.token.TokenIds;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Refresh token grant — RFC 6749 §6, with rotation and reuse detection (RFC 9700 §4.14.2):
 * every use spends the token and returns the next of its family; a spent token presented
 * again revokes the family and the access tokens issued with it. {@code scope} may narrow the
 * originally granted scopes, never widen them; the next refresh token keeps the original ones.
 */
public final class RefreshTokenGrant implements GrantHandler {
    private final RefreshTokens refreshTokens;
    private final AccessTokenIssuer accessTokens;
    private final IdTokenIssuer idTokens;

    public RefreshTokenGrant(RefreshTokens refreshTokens, AccessTokenIssuer accessTokens, IdTokenIssuer idTokens) {
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.idTokens = idTokens;
    }

    @Override
    public String grantType() {
        return "refresh_token";
    }

    @Override
    public Map<String, Object> handle(AuthServerConfig server, ClientEntry client, FormRequest request) {
        // refresh_token (REQUIRED) — RFC 6749 §6
        String token = request.require("refresh_token");
        UUID serverId = server.server().id();
        // scope (OPTIONAL) — RFC 6749 §6: no scope not originally granted; checked before the token is spent
        var requested = request.get("scope").map(ScopePolicy::split);
        if (requested.isPresent() && token.length() <= 100) {
            refreshTokens.repository().find(serverId, token).filter(t -> t.clientId().equals(client.client().id()))
                    .flatMap(t -> UserScopes.firstNotIn(requested.get(), t.grant().scopes())).ifPresent(n -> {
                        throw new OAuthException(OAuthError.INVALID_SCOPE, "scope '" + n
                                + "' was not granted to this refresh token");
                    });
        }
        var rotation = token.length() > 100
                ? new RefreshTokenRepository.Rotation.Refused("the refresh token is unknown")
                : refreshTokens.repository().rotate(serverId, token, client.client().id(),
                System.currentTimeMillis() * 1000);
        RefreshTokenRepository.Stored spent = switch (rotation) {
            case RefreshTokenRepository.Rotation.Rotated r -> r.token();
            case RefreshTokenRepository.Rotation.Reused r -> {
                refreshTokens.revokeFamily(serverId, r.token().clientId(), r.token().familyId());
                throw new OAuthException(OAuthError.INVALID_GRANT,
                        "the refresh token was already used; every token of its family is revoked");
            }
            case RefreshTokenRepository.Rotation.Refused r -> throw new OAuthException(OAuthError.INVALID_GRANT, r.why());
        };
        UserGrant grant = spent.grant();
        List<String> names = requested.orElse(grant.scopes());
        UserScopes.firstNotIn(names, grant.scopes()).ifPresent(n -> {
            throw new OAuthException(OAuthError.INVALID_SCOPE, "scope '" + n + "' was not granted to this refresh token");
        });
        ScopePolicy.Decision scopes = UserScopes.decide(server, client.client(), names);
        if (!scopes.ok()) {
            throw new OAuthException(OAuthError.INVALID_SCOPE, "scope '" + scopes.refused()
                    + "' is no longer allowed for this client");
        }
        if (names.isEmpty()) {
            scopes = new ScopePolicy.Decision(List.of(), null);
        }
        UUID jti = TokenIds.next();
        String next = refreshTokens.next(serverId, client, grant, spent.familyId(), spent.expiresAt(), jti);
        AccessTokenIssuer.Issued issued = accessTokens.issueForUser(server, client, scopes.granted(), grant.subject(), jti);
        Map<String, Object> body = GrantHandler.bearer(issued);
        body.put("refresh_token", next);
        if (names.contains("openid")) {
            UserGrant withoutNonce = new UserGrant(grant.subject(), grant.scopes(), grant.claims(), grant.authTime(),
                    grant.acr(), grant.amr(), null, grant.redirectUri(), null);
            body.put("id_token", idTokens.issue(server, client, LoginDecisions.signIn(withoutNonce), issued.jwt(), null));
        }
        return body;
    }
}
