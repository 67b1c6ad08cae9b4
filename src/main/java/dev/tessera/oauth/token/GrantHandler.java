package dev.tessera.oauth.token;

import dev.tessera.oauth.FormRequest;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.snapshot.ClientEntry;

import java.util.Map;

/** One OAuth grant type; the token endpoint picks the handler by {@code grant_type}. */
public interface GrantHandler {
    String grantType();

    /** Returns the token response body (RFC 6749 §5.1). */
    Map<String, Object> handle(AuthServerConfig server, ClientEntry client, FormRequest request);
}
