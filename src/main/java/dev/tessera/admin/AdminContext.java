package dev.tessera.admin;

import dev.tessera.authserver.AuthServer;
import dev.tessera.authserver.AuthServerEvents;
import dev.tessera.authserver.AuthServerRepository;
import dev.tessera.authserver.Issuers;
import dev.tessera.client.ClientRepository;
import dev.tessera.claim.ClaimRepository;
import dev.tessera.crypto.SecretHasher;
import dev.tessera.http.ProblemException;
import dev.tessera.scope.ScopeRepository;
import dev.tessera.store.Jdbc;
import io.javalin.http.Context;

/** What the management routes share: storage, issuer naming, limits and change events. */
record AdminContext(
        Jdbc jdbc,
        AuthServerRepository authServers,
        ScopeRepository scopes,
        ClaimRepository claims,
        ClientRepository clients,
        dev.tessera.client.ClientSecretRepository clientSecrets,
        SecretHasher secretHasher,
        Issuers issuers,
        AuthServerEvents events,
        java.util.function.Function<String, String> claimValueCheck,
        int maxBodyBytes) {

    /** The client named by the path (in the auth server named by the path), or a 404. */
    dev.tessera.client.Client client(Context ctx) {
        java.util.UUID serverId = authServer(ctx).id();
        return clients.find(serverId, PathParams.clientId(ctx))
                .orElseThrow(() -> ProblemException.notFound("Client not found"));
    }

    /** The auth server named by the path, or a 404. */
    AuthServer authServer(Context ctx) {
        return authServers.find(PathParams.uuid(ctx, "authServerId"))
                .orElseThrow(() -> ProblemException.notFound("Auth server not found"));
    }
}
