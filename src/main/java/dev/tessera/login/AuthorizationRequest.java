package dev.tessera.login;

import java.util.List;

/**
 * A validated authorization request (RFC 6749 §4.1.1, OIDC Core §3.1.2.1), as the authorize
 * endpoint accepted it: what the login request keeps and the login application is shown.
 *
 * @param responseType  {@code code}, {@code token}, {@code id_token} or {@code id_token token}
 * @param responseMode  {@code query}, {@code fragment} or {@code form_post}
 * @param scopes        the scope names requested and allowed for the client (with {@code openid} if asked)
 * @param codeChallenge the PKCE S256 challenge, or null
 * @param maxAge        seconds, or null
 */
public record AuthorizationRequest(
        String clientId,
        String redirectUri,
        String responseType,
        String responseMode,
        List<String> scopes,
        String state,
        String nonce,
        String codeChallenge,
        String prompt,
        Integer maxAge) {

    public AuthorizationRequest {
        scopes = List.copyOf(scopes);
    }

    public boolean issuesCode() {
        return responseType.equals("code");
    }

    public boolean issuesAccessToken() {
        return responseType.equals("token") || responseType.equals("id_token token");
    }

    public boolean issuesIdToken() {
        return responseType.startsWith("id_token");
    }
}
