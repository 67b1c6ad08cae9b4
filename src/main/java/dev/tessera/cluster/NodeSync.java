package dev.tessera.cluster;

import dev.tessera.authserver.AuthServer;
import dev.tessera.authserver.AuthServerEvents;
import dev.tessera.snapshot.ConfigSnapshots;
import dev.tessera.store.Jdbc;
import dev.tessera.store.Timestamps;
import dev.tessera.token.Revocations;
import dev.tessera.token.TokenRepository;

import java.util.UUID;

/**
 * Keeps this node's in-memory views in step: changes made here go to the local snapshots at
 * once (the database tells the other nodes, see {@link PostgresChangeTriggers}); changes
 * reported through the {@link ChangeBus} come in through {@link ChangeBus.Listener}.
 */
public final class NodeSync implements AuthServerEvents, ChangeBus.Listener {
    private final ConfigSnapshots snapshots;
    private final Revocations revocations;
    private final TokenRepository tokens;

    public NodeSync(ConfigSnapshots snapshots, Revocations revocations, TokenRepository tokens) {
        this.snapshots = snapshots;
        this.revocations = revocations;
        this.tokens = tokens;
    }

    @Override
    public Jdbc.TxAction prepareCreation(AuthServer server) {
        return snapshots.prepareCreation(server);
    }

    @Override
    public Jdbc.TxAction prepareAlgorithmChange(UUID authServerId, dev.tessera.authserver.SigningAlgorithm algorithm) {
        return snapshots.prepareAlgorithmChange(authServerId, algorithm);
    }

    @Override
    public void changed(UUID authServerId) {
        snapshots.changed(authServerId);
    }

    @Override
    public void clientChanged(UUID authServerId, String clientId) {
        snapshots.clientChanged(authServerId, clientId);
    }

    @Override
    public void onConfigChanged(UUID authServerId) {
        snapshots.changed(authServerId);
    }

    @Override
    public void onClientChanged(UUID authServerId, String clientId) {
        snapshots.clientChanged(authServerId, clientId);
    }

    @Override
    public void onTokenRevoked(UUID jti, long expiresAtMicros) {
        revocations.revoke(jti, expiresAtMicros, Timestamps.nowMicros());
    }

    @Override
    public void resynchronise() {
        snapshots.clear();
        revocations.load(tokens.revokedAndLive(Timestamps.nowMicros()));
    }
}
