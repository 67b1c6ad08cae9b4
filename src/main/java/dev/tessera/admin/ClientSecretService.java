package dev.tessera.admin;

import dev.tessera.client.Client;
import dev.tessera.client.ClientSecret;
import dev.tessera.http.ProblemException;
import dev.tessera.store.Timestamps;
import dev.tessera.store.Tx;

import java.util.Optional;
import java.util.UUID;

/**
 * A client's secrets: at most {@link ClientSecret#MAX_TOTAL}, of which at most
 * {@link ClientSecret#MAX_ENABLED} enabled, so a secret can be rotated without downtime.
 */
final class ClientSecretService {
    static final String TYPE = "client_secret";

    private final AdminContext admin;

    ClientSecretService(AdminContext admin) {
        this.admin = admin;
    }

    /** Adds a secret whose value and hash were made before the transaction (see {@link ClientService#secret}). */
    ClientSecret create(Change change, Client client, ClientService.NewSecret secret, boolean enabled) {
        Tx tx = change.tx();
        long now = Timestamps.nowMicros();
        lockClient(tx, client);
        // read again under the lock: whether the secret is sealed follows the method the client has now
        Client current = admin.clients().find(tx, client.authServerId(), client.id())
                .orElseThrow(ClientService::notFound);
        ClientFields.checkAuthentication(current, Optional.of(secret.value()), "secret");
        UUID secretId = UUID.randomUUID();
        ClientSecret stored = new ClientSecret(client.authServerId(), client.id(), secretId, secret.hash(),
                enabled, admin.sealFor(current, secretId, secret.value()), now, now);
        if (admin.clientSecrets().count(tx, client.authServerId(), client.id(), false) >= ClientSecret.MAX_TOTAL) {
            throw ProblemException.forbidden("A client can have at most " + ClientSecret.MAX_TOTAL
                    + " secrets; delete an old one first");
        }
        if (enabled && admin.clientSecrets().count(tx, client.authServerId(), client.id(), true) >= ClientSecret.MAX_ENABLED) {
            throw tooManyEnabled();
        }
        admin.clientSecrets().insert(tx, stored);
        change.audit(TYPE, stored.id().toString(), client.authServerId(), 201);
        change.clientChanged(client.authServerId(), client.id());
        return stored;
    }

    /** Enables or disables a secret; no change (and no event) when it already is. */
    ClientSecret setEnabled(Change change, Client client, UUID id, java.util.Optional<Boolean> enabled) {
        Tx tx = change.tx();
        lockClient(tx, client);
        ClientSecret s = admin.clientSecrets().find(tx, client.authServerId(), client.id(), id)
                .orElseThrow(ClientSecretService::notFound);
        ClientSecret result = s;
        if (enabled.isPresent() && enabled.get() != s.enabled()) {
            if (enabled.get() && admin.clientSecrets().count(tx, client.authServerId(), client.id(), true) >= ClientSecret.MAX_ENABLED) {
                throw tooManyEnabled();
            }
            result = s.withEnabled(enabled.get(), Timestamps.nowMicros());
            admin.clientSecrets().setEnabled(tx, result);
        }
        change.audit(TYPE, id.toString(), client.authServerId(), 200);
        change.clientChanged(client.authServerId(), client.id());
        return result;
    }

    void delete(Change change, Client client, UUID id) {
        if (!admin.clientSecrets().delete(change.tx(), client.authServerId(), client.id(), id)) {
            throw notFound();
        }
        change.audit(TYPE, id.toString(), client.authServerId(), 204);
        change.clientChanged(client.authServerId(), client.id());
    }

    /**
     * The limits are counted and then written: the client's row lock makes concurrent requests for
     * one client take turns, so two of them cannot both pass the count.
     */
    private void lockClient(Tx tx, Client client) {
        if (!admin.clients().lock(tx, client.authServerId(), client.id())) {
            throw ProblemException.notFound("Client not found");
        }
    }

    private static ProblemException tooManyEnabled() {
        return ProblemException.forbidden("A client can have at most " + ClientSecret.MAX_ENABLED
                + " enabled secrets; disable or delete one first");
    }

    static ProblemException notFound() {
        return ProblemException.notFound("Client secret not found");
    }
}
