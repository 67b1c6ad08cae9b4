package dev.tessera.authserver;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An auth server: one OAuth 2.0 / OIDC issuer with its own scopes, claims, clients and keys.
 * {@code slug} is fixed at creation and names the issuer ({@code {public_url}/{slug}/auth}).
 * {@code keyRotationPeriodDays} is null when keys rotate only on demand.
 */
public record AuthServer(
        UUID id,
        String slug,
        String name,
        String description,
        String audience,
        SigningAlgorithm signingAlgorithm,
        AccessTokenType accessTokenType,
        List<String> trustedOrigins,
        Map<String, String> labels,
        long createdAt,
        long updatedAt,
        boolean requirePkce,
        Integer keyRotationPeriodDays) {

    public AuthServer {
        trustedOrigins = List.copyOf(trustedOrigins);
        labels = Map.copyOf(labels);
    }

    /** An auth server that requires PKCE only of public clients (the default), without scheduled key rotation. */
    public AuthServer(UUID id, String slug, String name, String description, String audience,
                      SigningAlgorithm signingAlgorithm, AccessTokenType accessTokenType, List<String> trustedOrigins,
                      Map<String, String> labels, long createdAt, long updatedAt) {
        this(id, slug, name, description, audience, signingAlgorithm, accessTokenType, trustedOrigins, labels,
                createdAt, updatedAt, false, null);
    }

    /** An auth server without scheduled key rotation. */
    public AuthServer(UUID id, String slug, String name, String description, String audience,
                      SigningAlgorithm signingAlgorithm, AccessTokenType accessTokenType, List<String> trustedOrigins,
                      Map<String, String> labels, long createdAt, long updatedAt, boolean requirePkce) {
        this(id, slug, name, description, audience, signingAlgorithm, accessTokenType, trustedOrigins, labels,
                createdAt, updatedAt, requirePkce, null);
    }
}
