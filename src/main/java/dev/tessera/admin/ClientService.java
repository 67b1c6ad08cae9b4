package dev.tessera.admin;

import dev.tessera.client.Client;
import dev.tessera.client.ClientSecret;
import dev.tessera.crypto.RandomStrings;
import dev.tessera.http.ProblemException;
import dev.tessera.store.Timestamps;
import dev.tessera.store.Tx;
import dev.tessera.token.ClientDeletion;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Creates, replaces, changes and deletes clients. A new client gets one secret, generated unless
 * the caller supplies one (PUT, and {@code apply} from a secret reference); the value is returned
 * once and only its hash is stored.
 */
final class ClientService {
    static final String TYPE = "client";

    private final AdminContext admin;
    private final ClientDeletion deletion;

    ClientService(AdminContext admin, ClientDeletion deletion) {
        this.admin = admin;
        this.deletion = deletion;
    }

    /** A client and the secret value to show once (null when none was set). */
    record Saved(Client client, String secret, boolean created) {
    }

    /** A secret value and its hash. */
    record NewSecret(String value, String hash) {
    }

    /**
     * The secret a request sets: {@code in.clientSecret()} when given, hashed as an operator's
     * secret (a slow KDF), else a generated one when {@code generate}, else null. Called before
     * the transaction opens, so the slow hash holds no lock.
     */
    NewSecret secret(ClientFields in, boolean generate) {
        if (in.clientSecret().isPresent()) {
            return supplied(in.clientSecret().get());
        }
        return generate ? generated() : null;
    }

    /** An operator's secret: a slow KDF, since it may be weak. */
    NewSecret supplied(String value) {
        return new NewSecret(value, admin.secretHasher().hashSupplied(value));
    }

    /** A generated secret: random enough for a fast keyed hash. */
    NewSecret generated() {
        String value = RandomStrings.clientSecret();
        return new NewSecret(value, admin.secretHasher().hashGenerated(value));
    }

    /** A new client with a generated id and the given secret (see {@link #secret}). */
    Saved create(Change change, UUID serverId, ClientFields in, NewSecret secret) {
        long now = Timestamps.nowMicros();
        Client client = build(serverId, RandomStrings.clientId(), in, now, now);
        ClientConsistency.check(client);
        ClientFields.checkAuthentication(client, Optional.empty(), "client_secret");
        UUID secretId = UUID.randomUUID();
        ClientSecret stored = new ClientSecret(serverId, client.id(), secretId, secret.hash(), true,
                admin.sealFor(client, secretId, secret.value()), now, now);
        Tx tx = change.tx();
        admin.requireScopes(tx, serverId, client.allowScopes(), "allow_scopes");
        Conflicts.uniqueName(TYPE, client.name(), () -> {
            admin.clients().insert(tx, client);
            return client;
        });
        admin.clientSecrets().insert(tx, stored);
        change.audit(TYPE, client.id(), serverId, 201);
        change.clientChanged(serverId, client.id());
        return new Saved(client, secret.value(), true);
    }

    /** PUT: creates the client with this id or replaces it whole; its secrets become the one given. */
    Saved replace(Change change, UUID serverId, String id, ClientFields in, NewSecret secret) {
        Tx tx = change.tx();
        long now = Timestamps.nowMicros();
        var existing = admin.clients().find(tx, serverId, id);
        Client client = build(serverId, id, in, existing.map(Client::createdAt).orElse(now), now);
        ClientConsistency.check(client);
        ClientFields.checkAuthentication(client, Optional.of(secret.value()), "client_secret");
        admin.requireScopes(tx, serverId, client.allowScopes(), "allow_scopes");
        Conflicts.uniqueName(TYPE, client.name(), () -> {
            if (existing.isPresent()) {
                admin.clients().update(tx, client);
            } else {
                admin.clients().insert(tx, client);
            }
            return client;
        });
        UUID secretId = UUID.randomUUID();
        admin.clientSecrets().replaceAll(tx, new ClientSecret(serverId, id, secretId, secret.hash(), true,
                admin.sealFor(client, secretId, secret.value()), now, now));
        int status = existing.isEmpty() ? 201 : 200;
        change.audit(TYPE, id, serverId, status);
        change.clientChanged(serverId, id);
        return new Saved(admin.clients().find(tx, serverId, id).orElseThrow(), secret.value(), existing.isEmpty());
    }

    /** PATCH: the given fields change; a secret (from {@code client_secret}) replaces every secret of the client. */
    Client update(Change change, UUID serverId, String id, ClientFields in, NewSecret secret) {
        Tx tx = change.tx();
        Client c = admin.clients().find(tx, serverId, id).orElseThrow(ClientService::notFound);
        Map<String, String> labels = LabelPatch.apply(c.labels(), in.labelsNull(), in.labels());
        long now = Timestamps.nowMicros();
        Client next = new Client(serverId, id, in.name().orElse(c.name()), in.grantTypes().orElse(c.grantTypes()),
                in.responseTypes().orElse(c.responseTypes()), in.redirectUris().orElse(c.redirectUris()),
                in.loginUri().map(Fields.Nullable::value).orElse(in.loginUri().isPresent() ? null : c.loginUri()),
                in.accessTokenDuration().orElse(c.accessTokenDuration()), in.idTokenDuration().orElse(c.idTokenDuration()),
                in.allowAllScopes().orElse(c.allowAllScopes()), in.allowScopes().orElse(c.allowScopes()), labels,
                in.authMethod().orElse(c.tokenEndpointAuthMethod()),
                in.jwks().isPresent() ? in.jwks().get().value() : c.jwks(),
                in.jwksUri().isPresent() ? in.jwksUri().get().value() : c.jwksUri(), c.createdAt(), now,
                in.allowDirectAuthorization().orElse(c.allowDirectAuthorization()));
        ClientConsistency.check(next);
        ClientFields.checkMethodChange(c, next, in.clientSecret());
        in.allowScopes().ifPresent(s -> admin.requireScopes(tx, serverId, s, "allow_scopes"));
        Conflicts.uniqueName(TYPE, in.name().orElse(null), () -> {
            admin.clients().update(tx, next);
            return next;
        });
        if (Client.SECRET_JWT.equals(c.tokenEndpointAuthMethod()) && !Client.SECRET_JWT.equals(next.tokenEndpointAuthMethod())) {
            admin.clientSecrets().forgetSealed(tx, serverId, id);
        }
        if (secret != null) {
            UUID secretId = UUID.randomUUID();
            admin.clientSecrets().replaceAll(tx, new ClientSecret(serverId, id, secretId, secret.hash(), true,
                    admin.sealFor(next, secretId, secret.value()), now, now));
        }
        change.audit(TYPE, id, serverId, 200);
        change.clientChanged(serverId, id);
        return next;
    }

    /** The client goes, and its tokens die with it (see {@link ClientDeletion}). */
    void delete(Change change, UUID serverId, String id) {
        Runnable revocations = deletion.delete(change.tx(), serverId, id).orElseThrow(ClientService::notFound);
        change.audit(TYPE, id, serverId, 204);
        change.clientChanged(serverId, id);
        change.afterCommit(revocations);
    }

    private static Client build(UUID serverId, String id, ClientFields in, long createdAt, long now) {
        Map<String, String> labels = new TreeMap<>();
        in.labels().ifPresent(u -> u.forEach((k, v) -> labels.put(k, v.value())));
        return new Client(serverId, id, in.name().orElseThrow(), in.grantTypes().orElseThrow(),
                in.responseTypes().orElseThrow(), in.redirectUris().orElse(List.of()),
                in.loginUri().map(Fields.Nullable::value).orElse(null),
                in.accessTokenDuration().orElse(Client.DEFAULT_DURATION), in.idTokenDuration().orElse(Client.DEFAULT_DURATION),
                in.allowAllScopes().orElse(false), in.allowScopes().orElse(List.of()), labels,
                in.authMethod().orElse("client_secret_post"), in.jwks().map(Fields.Nullable::value).orElse(null),
                in.jwksUri().map(Fields.Nullable::value).orElse(null), createdAt, now,
                in.allowDirectAuthorization().orElse(false));
    }

    static ProblemException notFound() {
        return ProblemException.notFound("Client not found");
    }
}
