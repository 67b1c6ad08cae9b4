package dev.tessera.claim;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A custom claim of an auth server. Which tokens carry it follows from the three flags and
 * {@code includeInScopes} (DESIGN §3, "claim modes"); {@code value} may be a template.
 */
public record Claim(
        UUID authServerId,
        UUID id,
        String name,
        String value,
        boolean includeInToken,
        boolean includeInAllScopes,
        List<UUID> includeInScopes,
        boolean enabled,
        long createdAt,
        long updatedAt) {

    /** Names a custom claim may not take: the token's own registered claims. */
    public static final Set<String> RESERVED_NAMES =
            Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "client_id", "scope");

    public Claim {
        includeInScopes = List.copyOf(includeInScopes);
    }
}
