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
 * Keeps this node's in-memory views in step: changes made here go to the local snapshots and
 * out on the bus; changes reported by other nodes come in through {@link ChangeBus.Listener}.
 */
public final class NodeSync implements AuthServerEvents, ChangeBus.Listener {
    private final ConfigSnapshots snapshots;
    private final Revocations revocations;
    private final TokenRepository tokens;
    private volatile ChangeBus bus = ChangeBus.NONE;

    public NodeSync(ConfigSnapshots snapshots, Revocations revocations, TokenRepository tokens) {
        this.snapshots = snapshots;
        this.revocations = revocations;
        this.tokens = tokens;
    }

    /** The bus is created after this object, since the bus delivers to it. */
    public void connect(ChangeBus bus) {
        this.bus = bus;
    }

    public ChangeBus bus() {
        return bus;
    }

    @Override
    public Jdbc.TxAction prepareCreation(AuthServer server) {
        return snapshots.prepareCreation(server);
    }

    @Override
    public void changed(UUID authServerId) {
        snapshots.changed(authServerId);
        bus.configChanged(authServerId);
    }

    @Override
    public void clientChanged(UUID authServerId, String clientId) {
        snapshots.clientChanged(authServerId, clientId);
        bus.clientChanged(authServerId, clientId);
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
    public void onClientTokensRevoked(UUID authServerId, String clientId) {
        revocations.load(tokens.revokedAndLive(authServerId, clientId, Timestamps.nowMicros()));
    }

    @Override
    public void resynchronise() {
        snapshots.clear();
        revocations.load(tokens.revokedAndLive(Timestamps.nowMicros()));
    }
}
