package dev.tessera.token;

import dev.tessera.cluster.ChangeBus;
import dev.tessera.store.Timestamps;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** Revokes tokens durably (the record keeps {@code revoked_at}), in this node's memory at once, and tells the other nodes. */
public final class TokenRevoker {
    private final TokenRepository tokens;
    private final Revocations revocations;
    private final Supplier<ChangeBus> bus;

    public TokenRevoker(TokenRepository tokens, Revocations revocations, Supplier<ChangeBus> bus) {
        this.tokens = tokens;
        this.revocations = revocations;
        this.bus = bus;
    }

    /** Returns false when there was no live token with that id for that client. */
    public boolean revoke(UUID authServerId, String clientId, UUID jti) {
        long now = Timestamps.nowMicros();
        var expires = tokens.revoke(authServerId, clientId, jti, now);
        expires.ifPresent(e -> {
            revocations.revoke(jti, e, now);
            bus.get().tokenRevoked(jti, e);
        });
        return expires.isPresent();
    }

    public int revokeAll(UUID authServerId, String clientId) {
        long now = Timestamps.nowMicros();
        var revoked = tokens.revokeAll(authServerId, clientId, now);
        revoked.forEach(r -> revocations.revoke(r.id(), r.expiresAt(), now));
        if (!revoked.isEmpty()) {
            bus.get().clientTokensRevoked(authServerId, clientId);
        }
        return revoked.size();
    }

    /**
     * Tokens already revoked in the database by other means (a deleted client's, see
     * {@link ClientDeletion}): into this node's memory now, and announced to the other nodes.
     */
    void revoked(UUID authServerId, String clientId, List<TokenRepository.Revoked> revoked, long nowMicros) {
        revoked.forEach(r -> revocations.revoke(r.id(), r.expiresAt(), nowMicros));
        if (!revoked.isEmpty()) {
            bus.get().clientTokensRevoked(authServerId, clientId);
        }
    }
}
