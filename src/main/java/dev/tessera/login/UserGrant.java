package dev.tessera.login;

import java.util.List;
import java.util.Map;

/**
 * What a user granted a client through an accepted login request: kept behind the authorization
 * code, and afterwards for userinfo while the access token lives.
 *
 * @param scopes        granted scope names (with {@code openid} when granted)
 * @param claims        user claims from the login application, for the ID token and userinfo
 * @param authTime      when the user authenticated (seconds since the epoch), or null
 * @param codeChallenge the PKCE S256 challenge the code is bound to, or null
 */
public record UserGrant(
        String subject,
        List<String> scopes,
        Map<String, Object> claims,
        Long authTime,
        String acr,
        List<String> amr,
        String nonce,
        String redirectUri,
        String codeChallenge) {

    public UserGrant {
        scopes = List.copyOf(scopes);
        claims = claims == null ? Map.of() : claims;
        amr = amr == null ? List.of() : List.copyOf(amr);
    }
}
