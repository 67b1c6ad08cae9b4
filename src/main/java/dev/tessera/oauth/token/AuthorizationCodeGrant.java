package dev.tessera.oauth.token;

import dev.tessera.login.LoginDecisions;
import dev.tessera.login.RefreshTokens;
import dev.tessera.login.UserGrant;
import dev.tessera.login.UserGrantRepository;
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
import dev.tessera.token.TokenRevoker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Authorization code grant — RFC 6749 §4.1.3, with PKCE (RFC 7636 §4.6) and the ID token of
 * OIDC Core §3.1.3.3. The code is redeemed by one conditional write bound to the client; a code
 * presented again revokes the access token issued from it (RFC 6749 §4.1.2).
 */
public final class AuthorizationCodeGrant implements GrantHandler {
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private final UserGrantRepository grants;
    private final AccessTokenIssuer accessTokens;
    private final IdTokenIssuer idTokens;
    private final TokenRevoker revoker;
    private final RefreshTokens refreshTokens;
    private final Clock clock;

    public AuthorizationCodeGrant(UserGrantRepository grants, AccessTokenIssuer accessTokens, IdTokenIssuer idTokens,
                                  TokenRevoker revoker, RefreshTokens refreshTokens, Clock clock) {
        this.grants = grants;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.idTokens = idTokens;
        this.revoker = revoker;
        this.clock = clock;
    }

    @Override
    public String grantType() {
        return "authorization_code";
    }

    @Override
    public Map<String, Object> handle(AuthServerConfig server, ClientEntry client, FormRequest request) {
        // code (REQUIRED) — RFC 6749 §4.1.3
        String code = request.require("code");
        if (code.length() > 256) {
            throw new OAuthException(OAuthError.INVALID_GRANT, "the authorization code is unknown");
        }
        // code_verifier — RFC 7636 §4.5
        String verifier = request.get("code_verifier").orElse(null);
        if (verifier != null && !VERIFIER.matcher(verifier).matches()) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "code_verifier must be 43 to 128 characters of [A-Za-z0-9-._~]");
        }
        UUID jti = TokenIds.next();
        long now = clock.millis() * 1000;
        long keepUntil = now + client.client().accessTokenDuration() * 1_000_000L;
        var redemption = grants.redeem(server.server().id(), code, client.client().id(), jti, now, keepUntil);
        UserGrant grant = switch (redemption) {
            case UserGrantRepository.Redemption.Redeemed r -> r.grant();
            case UserGrantRepository.Redemption.Replayed r -> {
                revoker.revoke(server.server().id(), r.clientId(), r.accessTokenId());
                throw new OAuthException(OAuthError.INVALID_GRANT,
                        "the authorization code was already used; the access token issued for it is revoked");
            }
            case UserGrantRepository.Redemption.Refused r -> throw new OAuthException(OAuthError.INVALID_GRANT, r.why());
        };
        // redirect_uri — RFC 6749 §4.1.3: identical to the authorization request's
        String redirectUri = request.get("redirect_uri").orElse(null);
        if (redirectUri == null ? !client.client().redirectUris().equals(java.util.List.of(grant.redirectUri()))
                : !redirectUri.equals(grant.redirectUri())) {
            throw new OAuthException(OAuthError.INVALID_GRANT, redirectUri == null
                    ? "parameter 'redirect_uri' is required: this client registered several"
                    : "redirect_uri does not match the one of the authorization request");
        }
        checkPkce(grant.codeChallenge(), verifier);
        ScopePolicy.Decision scopes = UserScopes.decide(server, client.client(), grant.scopes());
        if (!scopes.ok()) {
            throw new OAuthException(OAuthError.INVALID_GRANT, "scope '" + scopes.refused()
                    + "' was granted but this client may no longer have it");
        }
        AccessTokenIssuer.Issued token = accessTokens.issueForUser(server, client, scopes.granted(), grant.subject(), jti);
        Map<String, Object> body = GrantHandler.bearer(token);
        if (RefreshTokens.due(client, grant)) {
            body.put("refresh_token", refreshTokens.start(server.server().id(), client, grant, jti));
        }
        if (grant.scopes().contains("openid")) {
            body.put("id_token", idTokens.issue(server, client, LoginDecisions.signIn(grant), token.jwt(), null));
        }
        return body;
    }

    /** RFC 7636 §4.6, and no downgrade: a verifier for a code issued without a challenge is refused too. */
    static void checkPkce(String challenge, String verifier) {
        if (challenge == null) {
            if (verifier != null) {
                throw new OAuthException(OAuthError.INVALID_GRANT, "code_verifier was sent but the authorization request "
                        + "had no code_challenge");
            }
            return;
        }
        if (verifier == null) {
            throw new OAuthException(OAuthError.INVALID_GRANT, "code_verifier is required: the authorization request "
                    + "had a code_challenge");
        }
        byte[] expected = challenge.getBytes(StandardCharsets.US_ASCII);
        byte[] actual;
        try {
            actual = Base64.getUrlEncoder().withoutPadding().encode(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new OAuthException(OAuthError.INVALID_GRANT, "code_verifier does not match the code_challenge");
        }
    }
}
