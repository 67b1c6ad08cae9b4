package dev.tessera.authserver;

import dev.tessera.store.Jdbc;

import java.util.UUID;

/**
 * What other features need to hear from the management API: a new auth server (to create its
 * signing key in the same transaction) and any committed change (to refresh in-memory views).
 */
public interface AuthServerEvents {
    /**
     * Work to add to the transaction that creates an auth server (its first signing key),
     * prepared before the transaction opens because generating an RSA key takes a while.
     */
    default Jdbc.TxAction prepareCreation(AuthServer server) {
        return tx -> { };
    }

    /**
     * Work to add to the transaction that sets an auth server's signing algorithm (a key of that
     * algorithm enters the key lifecycle), prepared before it opens because key generation takes a while.
     */
    default Jdbc.TxAction prepareAlgorithmChange(UUID authServerId, SigningAlgorithm algorithm) {
        return tx -> { };
    }

    /** Called after the transaction that changed anything under this auth server committed. */
    default void changed(UUID authServerId) {
    }

    /** Called after a change that touched only one client (or its secrets): cheaper to follow than {@link #changed}. */
    default void clientChanged(UUID authServerId, String clientId) {
        changed(authServerId);
    }
}
