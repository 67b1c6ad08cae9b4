package dev.tessera.admin;

import dev.tessera.authserver.AuthServer;
import dev.tessera.authserver.AuthServerEvents;
import dev.tessera.authserver.AuthServerRepository;
import dev.tessera.authserver.Issuers;
import dev.tessera.client.ClientRepository;
import dev.tessera.claim.ClaimRepository;
import dev.tessera.crypto.SecretHasher;
import dev.tessera.client.Client;
import dev.tessera.client.ClientSecretRepository;
import dev.tessera.client.SecretSealing;
import dev.tessera.http.InvalidParameter;
import dev.tessera.http.ProblemException;
import dev.tessera.scope.ScopeRepository;
import dev.tessera.store.Jdbc;
import dev.tessera.store.Tx;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What the management routes and services share: storage, issuer naming, limits, change events and transactions. */
record AdminContext(
        Jdbc jdbc,
        AuthServerRepository authServers,
        ScopeRepository scopes,
        ClaimRepository claims,
        ClientRepository clients,
        ClientSecretRepository clientSecrets,
        SecretHasher secretHasher,
        SecretSealing sealing,
        Issuers issuers,
        AuthServerEvents events,
        java.util.function.Function<String, String> claimValueCheck,
        int maxBodyBytes,
        Changes changes) {

    /** The client named by the path (in the auth server named by the path), or a 404. */
    Client client(Context ctx) {
        UUID serverId = authServer(ctx).id();
        return clients.find(serverId, PathParams.clientId(ctx))
                .orElseThrow(() -> ProblemException.notFound("Client not found"));
    }

    /** The encrypted copy of a new secret for a client_secret_jwt client (its HMAC key); null for any other client. */
    String sealFor(Client c, UUID secretId, String secret) {
        return Client.SECRET_JWT.equals(c.tokenEndpointAuthMethod())
                ? sealing.seal(c.authServerId(), c.id(), secretId, secret) : null;
    }

    /** Scope ids must name scopes of this auth server; a 400 {@code missing_reference} for each that does not. */
    void requireScopes(Tx tx, UUID serverId, List<UUID> ids, String field) {
        var existing = scopes.existing(tx, serverId, ids);
        List<InvalidParameter> missing = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!existing.contains(ids.get(i))) {
                missing.add(InvalidParameter.of("body", field + "[" + i + "]", "missing_reference",
                        "scope " + ids.get(i) + " does not exist in this auth server"));
            }
        }
        if (!missing.isEmpty()) {
            throw ProblemException.badRequest("Invalid request: " + missing.getFirst().field() + " "
                    + missing.getFirst().reason(), missing);
        }
    }

    /** The auth server named by the path, or a 404. */
    AuthServer authServer(Context ctx) {
        return authServers.find(PathParams.uuid(ctx, "authServerId"))
                .orElseThrow(() -> ProblemException.notFound("Auth server not found"));
    }
}
