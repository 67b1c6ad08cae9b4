package dev.tessera.oauth.token;

import dev.tessera.oauth.FormRequest;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.snapshot.ClientEntry;

import dev.tessera.token.AccessTokenIssuer;

import java.util.LinkedHashMap;
import java.util.Map;

/** One OAuth grant type; the token endpoint picks the handler by {@code grant_type}. */
public interface GrantHandler {
    String grantType();

    /** Returns the token response body (RFC 6749 §5.1). */
    Map<String, Object> handle(AuthServerConfig server, ClientEntry client, FormRequest request);

    /** The token response's common part (RFC 6749 §5.1), to which a grant adds its refresh and ID tokens. */
    static Map<String, Object> bearer(AccessTokenIssuer.Issued token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token.jwt());
        body.put("token_type", "Bearer");
        body.put("expires_in", token.expiresIn());
        body.put("scope", token.scope());
        return body;
    }
}
