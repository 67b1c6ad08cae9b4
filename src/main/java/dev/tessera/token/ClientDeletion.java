package dev.tessera.token;

import dev.tessera.client.ClientRepository;
import dev.tessera.store.Jdbc;
import dev.tessera.store.Timestamps;

import java.util.List;
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
    private final TokenRevoker revoker;

    public ClientDeletion(Jdbc jdbc, ClientRepository clients, TokenRevoker revoker) {
        this.jdbc = jdbc;
        this.clients = clients;
        this.revoker = revoker;
    }

    /** Returns false when there was no such client. */
    public boolean delete(UUID authServerId, String clientId) {
        long now = Timestamps.nowMicros();
        List<TokenRepository.Revoked> kept = jdbc.inTransaction(tx -> {
            // The row lock makes a token record that is being written either commit first (and be
            // kept below) or fail its foreign-key check after the delete: none slips through.
            if (!clients.lock(tx, authServerId, clientId)) {
                return null;
            }
            List<TokenRepository.Revoked> live = tx.query("SELECT auth_server_id, id, expires_at FROM tokens "
                            + "WHERE auth_server_id = ? AND client_id = ? AND expires_at > ?",
                    rs -> new TokenRepository.Revoked(UUID.fromString(rs.getString(1)), UUID.fromString(rs.getString(2)),
                            rs.getLong(3)), authServerId.toString(), clientId, now);
            tx.batch("INSERT INTO deleted_client_tokens (auth_server_id, client_id, id, expires_at, deleted_at) "
                    + "VALUES (?, ?, ?, ?, ?)", live.stream().map(r -> new Object[]{authServerId.toString(), clientId,
                    r.id().toString(), r.expiresAt(), now}).toList());
            clients.delete(tx, authServerId, clientId);
            return live;
        });
        if (kept == null) {
            return false;
        }
        revoker.revoked(authServerId, clientId, kept, now);
        return true;
    }
}
