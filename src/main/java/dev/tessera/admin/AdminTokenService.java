package dev.tessera.admin;

import dev.tessera.admintoken.AdminToken;
import dev.tessera.admintoken.AdminTokens;
import dev.tessera.http.ProblemException;

import java.util.UUID;

/** Creates and revokes admin tokens through the API; the value is in the create result only. */
final class AdminTokenService {
    static final String TYPE = "admin_token";

    private final AdminTokens tokens;

    AdminTokenService(AdminTokens tokens) {
        this.tokens = tokens;
    }

    AdminTokens.Created create(Change change, String name, boolean readOnly) {
        AdminTokens.Created created = tokens.create(change.tx(), name, readOnly, AdminToken.Source.API);
        change.audit(TYPE, created.token().id().toString(), null, 201);
        return created;
    }

    void revoke(Change change, UUID id) {
        if (!tokens.revoke(change.tx(), id)) {
            throw ProblemException.notFound("Admin token not found");
        }
        change.audit(TYPE, id.toString(), null, 204);
    }
}
