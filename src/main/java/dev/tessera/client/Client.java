package dev.tessera.client;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An OAuth client of one auth server: the machine credential and what it may ask for.
 * {@code jwks} (a public JWK Set as JSON text) and {@code jwksUri} are the client's keys for
 * {@code private_key_jwt}; null when not set.
 */
public record Client(
        UUID authServerId,
        String id,
        String name,
        List<String> grantTypes,
        List<String> responseTypes,
        List<String> redirectUris,
        String loginUri,
        int accessTokenDuration,
        int idTokenDuration,
        boolean allowAllScopes,
        List<UUID> allowScopes,
        Map<String, String> labels,
        String tokenEndpointAuthMethod,
        String jwks,
        String jwksUri,
        long createdAt,
        long updatedAt,
        boolean allowDirectAuthorization) {

    public static final List<String> GRANT_TYPES = List.of("client_credentials", "authorization_code", "refresh_token", "implicit");
    public static final List<String> RESPONSE_TYPES = List.of("none", "token", "code", "id_token");
    public static final List<String> AUTH_METHODS = List.of("client_secret_post", "client_secret_basic", "client_secret_jwt",
            "private_key_jwt", "none");
    /** Authenticates with an HMAC-signed assertion (RFC 7523 §2.2), so its secrets are kept encrypted too. */
    public static final String SECRET_JWT = "client_secret_jwt";
    /** Authenticates with an assertion signed by its own key, published as {@code jwks} or {@code jwks_uri}. */
    public static final String PRIVATE_KEY_JWT = "private_key_jwt";
    public static final int DEFAULT_DURATION = 300;
    public static final int MIN_DURATION = 60;
    public static final int MAX_DURATION = 2_592_000;

    public Client {
        grantTypes = List.copyOf(grantTypes);
        responseTypes = List.copyOf(responseTypes);
        redirectUris = List.copyOf(redirectUris);
        allowScopes = List.copyOf(allowScopes);
        labels = Map.copyOf(labels);
    }

    /** A client without the interactive-flow options (direct authorization off). */
    public Client(UUID authServerId, String id, String name, List<String> grantTypes, List<String> responseTypes,
                  List<String> redirectUris, String loginUri, int accessTokenDuration, int idTokenDuration,
                  boolean allowAllScopes, List<UUID> allowScopes, Map<String, String> labels,
                  String tokenEndpointAuthMethod, long createdAt, long updatedAt) {
        this(authServerId, id, name, grantTypes, responseTypes, redirectUris, loginUri, accessTokenDuration,
                idTokenDuration, allowAllScopes, allowScopes, labels, tokenEndpointAuthMethod, null, null, createdAt, updatedAt,
                false);
    }

    /** A client with keys but without the interactive-flow options (direct authorization off). */
    public Client(UUID authServerId, String id, String name, List<String> grantTypes, List<String> responseTypes,
                  List<String> redirectUris, String loginUri, int accessTokenDuration, int idTokenDuration,
                  boolean allowAllScopes, List<UUID> allowScopes, Map<String, String> labels,
                  String tokenEndpointAuthMethod, String jwks, String jwksUri, long createdAt, long updatedAt) {
        this(authServerId, id, name, grantTypes, responseTypes, redirectUris, loginUri, accessTokenDuration,
                idTokenDuration, allowAllScopes, allowScopes, labels, tokenEndpointAuthMethod, jwks, jwksUri, createdAt,
                updatedAt, false);
    }

    /** A public client has no secret: it authenticates nothing at the token endpoint and must use PKCE. */
    public boolean isPublic() {
        return "none".equals(tokenEndpointAuthMethod);
    }
}
