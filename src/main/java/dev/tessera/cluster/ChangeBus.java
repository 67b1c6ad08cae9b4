package dev.tessera.cluster;

import java.util.UUID;

/**
 * Tells the other nodes sharing the database what changed here, so their in-memory
 * configuration snapshots and revocation lists follow within about a second (DESIGN §1).
 * On SQLite there is one node and nothing to tell.
 */
public interface ChangeBus extends AutoCloseable {
    ChangeBus NONE = new ChangeBus() {
        @Override
        public void configChanged(UUID authServerId) {
        }

        @Override
        public void clientChanged(UUID authServerId, String clientId) {
        }

        @Override
        public void tokenRevoked(UUID jti, long expiresAtMicros) {
        }

        @Override
        public void clientTokensRevoked(UUID authServerId, String clientId) {
        }

        @Override
        public void close() {
        }
    };

    void configChanged(UUID authServerId);

    void clientChanged(UUID authServerId, String clientId);

    void tokenRevoked(UUID jti, long expiresAtMicros);

    void clientTokensRevoked(UUID authServerId, String clientId);

    @Override
    void close();

    /** What a node does when another node reports a change. */
    interface Listener {
        void onConfigChanged(UUID authServerId);

        void onClientChanged(UUID authServerId, String clientId);

        void onTokenRevoked(UUID jti, long expiresAtMicros);

        void onClientTokensRevoked(UUID authServerId, String clientId);

        /** Notifications may have been missed (connection lost): forget every cached view. */
        void resynchronise();
    }
}
