package dev.tessera.admin;

import dev.tessera.http.ProblemException;
import dev.tessera.scope.Scope;
import dev.tessera.store.Timestamps;

import java.util.UUID;

/** Creates, changes and deletes scopes (a deleted scope leaves the clients and claims that named it). */
final class ScopeService {
    static final String TYPE = "scope";

    private final AdminContext admin;

    ScopeService(AdminContext admin) {
        this.admin = admin;
    }

    Scope create(Change change, UUID serverId, ScopeFields in) {
        long now = Timestamps.nowMicros();
        Scope scope = new Scope(serverId, UUID.randomUUID(), in.name().orElseThrow(),
                in.description().map(d -> d.value() == null ? "" : d.value()).orElse(""),
                in.isDefault().orElse(false), in.includeInMetadata().orElse(false), in.enabled().orElse(true), now, now);
        Conflicts.uniqueName("scope", scope.name(), () -> {
            admin.scopes().insert(change.tx(), scope);
            return scope;
        });
        change.audit(TYPE, scope.id().toString(), serverId, 201);
        change.serverChanged(serverId);
        return scope;
    }

    Scope update(Change change, UUID serverId, UUID id, ScopeFields in) {
        Scope s = admin.scopes().find(change.tx(), serverId, id).orElseThrow(ScopeService::notFound);
        Scope next = new Scope(serverId, id, in.name().orElse(s.name()),
                in.description().map(d -> d.value() == null ? "" : d.value()).orElse(s.description()),
                in.isDefault().orElse(s.isDefault()), in.includeInMetadata().orElse(s.includeInMetadata()),
                in.enabled().orElse(s.enabled()), s.createdAt(), Timestamps.nowMicros());
        Conflicts.uniqueName("scope", in.name().orElse(null), () -> {
            admin.scopes().update(change.tx(), next);
            return next;
        });
        change.audit(TYPE, id.toString(), serverId, 200);
        change.serverChanged(serverId);
        return next;
    }

    void delete(Change change, UUID serverId, UUID id) {
        if (!admin.scopes().delete(change.tx(), serverId, id)) {
            throw notFound();
        }
        change.audit(TYPE, id.toString(), serverId, 204);
        change.serverChanged(serverId);
    }

    static ProblemException notFound() {
        return ProblemException.notFound("Scope not found");
    }
}
