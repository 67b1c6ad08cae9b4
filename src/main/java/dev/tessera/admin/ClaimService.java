package dev.tessera.admin;

import dev.tessera.authserver.AuthServer;
import dev.tessera.claim.Claim;
import dev.tessera.http.InvalidParameter;
import dev.tessera.http.ProblemException;
import dev.tessera.store.Timestamps;
import dev.tessera.store.Tx;
import dev.tessera.token.StaticClaimsSize;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Creates, changes and deletes claims. A claim is refused when its scopes do not exist, when its
 * templates would exceed one token's budget, or when static claims would make tokens too long.
 */
final class ClaimService {
    static final String TYPE = "claim";

    private final AdminContext admin;

    ClaimService(AdminContext admin) {
        this.admin = admin;
    }

    Claim create(Change change, AuthServer server, ClaimFields in) {
        UUID serverId = server.id();
        long now = Timestamps.nowMicros();
        List<UUID> scopes = in.includeInScopes().orElse(List.of());
        Claim claim = new Claim(serverId, UUID.randomUUID(), in.name().orElseThrow(), in.value().orElseThrow(),
                in.includeInToken().orElse(false), in.includeInAllScopes().orElse(false), scopes,
                in.enabled().orElse(true), now, now);
        Tx tx = change.tx();
        ClaimBudgetCheck.require(server, admin.claims().all(tx, serverId), claim);
        admin.requireScopes(tx, serverId, scopes, "include_in_scopes");
        requireTokensFit(tx, server, claim);
        Conflicts.uniqueName("claim", claim.name(), () -> {
            admin.claims().insert(tx, claim);
            return claim;
        });
        change.audit(TYPE, claim.id().toString(), serverId, 201);
        change.serverChanged(serverId);
        return claim;
    }

    Claim update(Change change, AuthServer server, UUID id, ClaimFields in) {
        UUID serverId = server.id();
        Tx tx = change.tx();
        Claim c = admin.claims().find(tx, serverId, id).orElseThrow(ClaimService::notFound);
        if (in.value().isPresent() || in.enabled().isPresent() || in.includeInToken().isPresent()) {
            ClaimBudgetCheck.require(server, admin.claims().all(tx, serverId), new Claim(serverId, id, c.name(),
                    in.value().orElse(c.value()), in.includeInToken().orElse(c.includeInToken()), c.includeInAllScopes(),
                    c.includeInScopes(), in.enabled().orElse(c.enabled()), c.createdAt(), c.updatedAt()));
        }
        in.includeInScopes().ifPresent(s -> admin.requireScopes(tx, serverId, s, "include_in_scopes"));
        Claim next = new Claim(serverId, id, in.name().orElse(c.name()), in.value().orElse(c.value()),
                in.includeInToken().orElse(c.includeInToken()), in.includeInAllScopes().orElse(c.includeInAllScopes()),
                in.includeInScopes().orElse(c.includeInScopes()), in.enabled().orElse(c.enabled()), c.createdAt(),
                Timestamps.nowMicros());
        requireTokensFit(tx, server, next);
        Conflicts.uniqueName("claim", in.name().orElse(null), () -> {
            admin.claims().update(tx, next);
            return next;
        });
        change.audit(TYPE, id.toString(), serverId, 200);
        change.serverChanged(serverId);
        return next;
    }

    void delete(Change change, UUID serverId, UUID id) {
        if (!admin.claims().delete(change.tx(), serverId, id)) {
            throw notFound();
        }
        change.audit(TYPE, id.toString(), serverId, 204);
        change.serverChanged(serverId);
    }

    /** A static claim that would make tokens too long for introspection is refused now (400 on {@code value}). */
    private void requireTokensFit(Tx tx, AuthServer server, Claim saved) {
        if (!saved.enabled() || !saved.includeInToken()) {
            return;
        }
        List<Claim> claims = new ArrayList<>(admin.claims().all(tx, server.id()));
        claims.removeIf(c -> c.id().equals(saved.id()));
        claims.add(saved);
        String problem = StaticClaimsSize.problem(admin.issuers().issuer(server.slug()), server.audience(), claims);
        if (problem != null) {
            throw ProblemException.invalid(InvalidParameter.of("body", "value", "invalid", problem));
        }
    }

    static ProblemException notFound() {
        return ProblemException.notFound("Claim not found");
    }
}
