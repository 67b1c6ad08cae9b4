package dev.tessera.admin;

import dev.tessera.client.Client;
import dev.tessera.http.ProblemException;
import dev.tessera.token.TokenRevoker;

import java.util.UUID;

/** Revokes a client's tokens, durably and in this node's memory once committed (other nodes hear it from the database). */
final class TokenService {
    static final String TYPE = "token";

    private final TokenRevoker revoker;

    TokenService(TokenRevoker revoker) {
        this.revoker = revoker;
    }

    void revoke(Change change, Client client, UUID id) {
        Runnable remember = revoker.revoke(change.tx(), client.authServerId(), client.id(), id)
                .orElseThrow(() -> ProblemException.notFound("Token not found"));
        change.audit(TYPE, id.toString(), client.authServerId(), 204);
        change.afterCommit(remember);
    }

    void revokeAll(Change change, Client client) {
        change.afterCommit(revoker.revokeAll(change.tx(), client.authServerId(), client.id()));
        change.audit(TYPE, null, client.authServerId(), 204);
    }
}
