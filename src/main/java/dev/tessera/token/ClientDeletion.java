package dev.tessera.token;

import dev.tessera.client.ClientRepository;
import dev.tessera.store.Jdbc;
import dev.tessera.store.Timestamps;
import dev.tessera.store.Tx;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Deletes a client so that its tokens die for good. The client's token records cascade away
 * with it, so in the same transaction the ids of its unexpired tokens (revoked or not) are kept
 * in {@code deleted_client_tokens} until they expire. A client later re-created with the same id
 * (the PUT migration path) therefore cannot bring them back — not after a restart, and not on
 * another node, which loads them from there when told.
 */
public final class ClientDeletion {
    private final Jdbc jdbc;
    private final ClientRepository clients;
    private final TokenRepository tokens;
    private final TokenRevoker revoker;

    public ClientDeletion(Jdbc jdbc, ClientRepository clients, TokenRepository tokens, TokenRevoker revoker) {
        this.jdbc = jdbc;
        this.clients = clients;
        this.tokens = tokens;
        this.revoker = revoker;
    }

    /** Returns false when there was no such client. */
    public boolean delete(UUID authServerId, String clientId) {
        Optional<Runnable> deleted = jdbc.inTransaction(tx -> delete(tx, authServerId, clientId));
        deleted.ifPresent(Runnable::run);
        return deleted.isPresent();
    }

    /**
     * Deletes the client in the caller's transaction. Empty when there was no such client; else
     * what to run once the transaction has committed: its live tokens join this node's revocations.
     */
    public Optional<Runnable> delete(Tx tx, UUID authServerId, String clientId) {
        long now = Timestamps.nowMicros();
        // The row lock makes a token record that is being written either commit first (and be
        // kept below) or fail its foreign-key check after the delete: none slips through.
        if (!clients.lock(tx, authServerId, clientId)) {
            return Optional.empty();
        }
        List<TokenRepository.Revoked> live = tokens.keepLiveTokensOfDeletedClient(tx, authServerId, clientId, now);
        clients.delete(tx, authServerId, clientId);
        return Optional.of(() -> revoker.revoked(live, now));
    }
}
