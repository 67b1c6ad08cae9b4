package dev.tessera.admin;

import dev.tessera.authserver.AccessTokenType;
import dev.tessera.authserver.AuthServer;
import dev.tessera.authserver.AuthServerRepository;
import dev.tessera.authserver.SigningAlgorithm;
import dev.tessera.crypto.RandomStrings;
import dev.tessera.http.InvalidParameter;
import dev.tessera.http.ProblemException;
import dev.tessera.store.DataAccessException;
import dev.tessera.store.Jdbc;
import dev.tessera.store.Timestamps;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creates, changes and deletes auth servers: the rules, the transaction's work, its audit event and change event. */
final class AuthServerService {
    static final String TYPE = "auth_server";

    private final AdminContext admin;
    private final AuthServerRepository servers;

    AuthServerService(AdminContext admin) {
        this.admin = admin;
        this.servers = admin.authServers();
    }

    /** A new auth server and the work that adds its first signing key, prepared before any transaction opens. */
    record Draft(AuthServer server, Jdbc.TxAction creation) {
    }

    /** Generates the new auth server's id, slug and signing key (slow: an RSA key) outside the transaction. */
    Draft prepare(AuthServerFields in) {
        long now = Timestamps.nowMicros();
        AuthServer server = new AuthServer(UUID.randomUUID(), RandomStrings.slug(), in.name().orElseThrow(),
                in.description().map(d -> d.value() == null ? "" : d.value()).orElse(""), in.audience().orElseThrow(),
                in.signingAlgorithm().orElse(SigningAlgorithm.RS256), in.accessTokenType().orElse(AccessTokenType.JWT),
                in.trustedOrigins().orElse(List.of()), in.labels().orElse(Map.of()), now, now,
                in.requirePkce().orElse(false), in.keyRotationPeriodDays().map(Fields.Nullable::value).orElse(null));
        return new Draft(server, admin.events().prepareCreation(server));
    }

    AuthServer create(Change change, Draft draft) {
        AuthServer server = draft.server();
        Conflicts.uniqueName("auth server", server.name(), () -> {
            servers.insert(change.tx(), server);
            return server;
        });
        try {
            draft.creation().run(change.tx());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not store the new auth server's signing key", e);
        }
        change.audit(TYPE, server.id().toString(), server.id(), 201);
        change.serverChanged(server.id());
        return server;
    }

    /**
     * What a PATCH must add to its transaction: a new signing algorithm brings a key of its type
     * into the lifecycle, generated here, before the transaction, because key generation takes a while.
     */
    Jdbc.TxAction prepareUpdate(UUID id, AuthServerFields in) {
        return in.signingAlgorithm().map(a -> admin.events().prepareAlgorithmChange(id, a)).orElse(tx -> { });
    }

    AuthServer update(Change change, UUID id, AuthServerFields in) {
        return update(change, id, in, prepareUpdate(id, in));
    }

    AuthServer update(Change change, UUID id, AuthServerFields in, Jdbc.TxAction prepared) {
        AuthServer s = servers.find(change.tx(), id).orElseThrow(AuthServerService::notFound);
        Map<String, String> labels = LabelPatch.apply(s.labels(), in.labelsNull(), in.labelUpdates());
        AuthServer next = new AuthServer(s.id(), s.slug(), in.name().orElse(s.name()),
                in.description().map(d -> d.value() == null ? "" : d.value()).orElse(s.description()),
                in.audience().orElse(s.audience()), in.signingAlgorithm().orElse(s.signingAlgorithm()),
                in.accessTokenType().orElse(s.accessTokenType()), in.trustedOrigins().orElse(s.trustedOrigins()),
                labels, s.createdAt(), Timestamps.nowMicros(), in.requirePkce().orElse(s.requirePkce()),
                in.keyRotationPeriodDays().isPresent() ? in.keyRotationPeriodDays().get().value() : s.keyRotationPeriodDays());
        Conflicts.uniqueName("auth server", in.name().orElse(null), () -> {
            servers.update(change.tx(), next);
            return next;
        });
        try {
            prepared.run(change.tx());
        } catch (java.sql.SQLException e) {
            throw DataAccessException.from(e, admin.jdbc().dialect());
        }
        change.audit(TYPE, id.toString(), id, 200);
        change.serverChanged(id);
        return next;
    }

    /** Without {@code force}, only an auth server without scopes, claims and clients may go (Kong's default). */
    void delete(Change change, UUID id, boolean force) {
        if (!force && servers.find(change.tx(), id).isPresent() && servers.hasChildren(change.tx(), id)) {
            throw ProblemException.badRequest("Auth server still has scopes, claims or clients; "
                    + "delete them first or use force=true", List.of(InvalidParameter.of("query", "force",
                    "invalid", "must be true to delete an auth server that still has scopes, claims or clients")));
        }
        if (!servers.delete(change.tx(), id)) {
            throw notFound();
        }
        change.audit(TYPE, id.toString(), id, 204);
        change.serverChanged(id);
    }

    static ProblemException notFound() {
        return ProblemException.notFound("Auth server not found");
    }
}
