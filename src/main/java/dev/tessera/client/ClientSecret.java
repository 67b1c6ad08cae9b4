package dev.tessera.client;

import java.util.UUID;

/**
 * One of a client's secrets; its hash is stored, and for a {@code client_secret_jwt} client also the
 * secret itself encrypted with the master key ({@code sealed}, else null; see {@link SecretSealing}).
 * At most two are enabled at once.
 */
public record ClientSecret(
        UUID authServerId,
        String clientId,
        UUID id,
        String hash,
        boolean enabled,
        String sealed,
        long createdAt,
        long updatedAt) {

    public static final int MAX_ENABLED = 2;
    public static final int MAX_TOTAL = 10;

    public ClientSecret withEnabled(boolean on, long now) {
        return new ClientSecret(authServerId, clientId, id, hash, on, sealed, createdAt, now);
    }
}
