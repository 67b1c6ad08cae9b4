package dev.tessera.token;

import dev.tessera.store.Timestamps;
import dev.tessera.store.Tx;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Revokes tokens durably (the record keeps {@code revoked_at}) and in this node's memory at once;
 * on PostgreSQL the database tells the other nodes in the same transaction.
 */
public final class TokenRevoker {
    private final TokenRepository tokens;
    private final Revocations revocations;

    public TokenRevoker(TokenRepository tokens, Revocations revocations) {
        this.tokens = tokens;
        this.revocations = revocations;
    }

    /** Returns false when there was no live token with that id for that client. */
    public boolean revoke(UUID authServerId, String clientId, UUID jti) {
        long now = Timestamps.nowMicros();
        var expires = tokens.revoke(authServerId, clientId, jti, now);
        expires.ifPresent(e -> revocations.revoke(jti, e, now));
        return expires.isPresent();
    }

    /**
     * Revokes in the caller's transaction. Empty when there was no live token with that id for
     * that client; else what to run once the transaction has committed (into this node's memory).
     */
    public Optional<Runnable> revoke(Tx tx, UUID authServerId, String clientId, UUID jti) {
        long now = Timestamps.nowMicros();
        return tokens.revoke(tx, authServerId, clientId, jti, now).map(e -> () -> revocations.revoke(jti, e, now));
    }

    /** Revokes every live token of the client in the caller's transaction; the result runs after commit. */
    public Runnable revokeAll(Tx tx, UUID authServerId, String clientId) {
        long now = Timestamps.nowMicros();
        var revoked = tokens.revokeAll(tx, authServerId, clientId, now);
        return () -> revoked.forEach(r -> revocations.revoke(r.id(), r.expiresAt(), now));
    }

    public int revokeAll(UUID authServerId, String clientId) {
        long now = Timestamps.nowMicros();
        var revoked = tokens.revokeAll(authServerId, clientId, now);
        revoked.forEach(r -> revocations.revoke(r.id(), r.expiresAt(), now));
        return revoked.size();
    }

    /**
     * Tokens already revoked in the database by other means (a deleted client's, see
     * {@link ClientDeletion}): into this node's memory now. On PostgreSQL the insert into
     * {@code deleted_client_tokens} announces them to the other nodes in the same transaction.
     */
    void revoked(List<TokenRepository.Revoked> revoked, long nowMicros) {
        revoked.forEach(r -> revocations.revoke(r.id(), r.expiresAt(), nowMicros));
    }
}
