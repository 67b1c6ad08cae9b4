package dev.tessera.cluster;

import java.util.UUID;

/**
 * Brings changes committed by other nodes sharing the database into this node's in-memory
 * configuration snapshots and revocation list, within about a second (DESIGN §1). Changes are
 * announced by the database itself, in the transaction that makes them (see
 * {@link PostgresChangeTriggers}); on SQLite there is one node and nothing to hear.
 */
public interface ChangeBus extends AutoCloseable {
    ChangeBus NONE = () -> { };

    @Override
    void close();

    /** What a node does when a change is reported. */
    interface Listener {
        void onConfigChanged(UUID authServerId);

        void onClientChanged(UUID authServerId, String clientId);

        void onTokenRevoked(UUID jti, long expiresAtMicros);

        /** Changes may have been missed (connection lost, notification lost): forget every cached view. */
        void resynchronise();
    }
}
