package dev.tessera.authserver;

import dev.tessera.store.Tx;

import java.util.UUID;

/**
 * What other features need to hear from the management API: a new auth server (to create its
 * signing key in the same transaction) and any committed change (to refresh in-memory views).
 */
public interface AuthServerEvents {
    AuthServerEvents NONE = new AuthServerEvents() { };

    default void authServerCreated(Tx tx, AuthServer server) {
    }

    /** Called after the transaction that changed anything under this auth server committed. */
    default void changed(UUID authServerId) {
    }
}
