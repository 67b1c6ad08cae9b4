package dev.tessera.admin;

import dev.tessera.http.JsonBody;
import dev.tessera.http.ProblemException;
import dev.tessera.http.Responses;
import dev.tessera.http.RouteGroup;
import dev.tessera.scope.Scope;
import dev.tessera.store.Timestamps;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** {@code /v1/auth-servers/{id}/scopes}: create, list, get, PATCH and DELETE scopes. */
final class ScopeRoutes implements RouteGroup {
    private static final String PATH = AuthServerRoutes.PATH + "/{authServerId}/scopes";
    private static final Set<String> FIELDS = Set.of("name", "description", "default", "include_in_metadata", "enabled");
    private static final Set<String> READ_ONLY = Set.of("id", "created_at", "updated_at");
    private static final ListParams.Spec LIST = new ListParams.Spec(
            Map.of("name", new ListParams.Filter("name", ListParams.Kind.TEXT),
                    "id", new ListParams.Filter("id", ListParams.Kind.EXACT)),
            Map.of("created_at", "created_at", "updated_at", "updated_at", "name", "name"));

    private final AdminContext admin;

    ScopeRoutes(AdminContext admin) {
        this.admin = admin;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi r) {
        r.post(PATH, this::create);
        r.get(PATH, this::list);
        r.get(PATH + "/{scopeId}", this::get);
        r.patch(PATH + "/{scopeId}", this::update);
        r.delete(PATH + "/{scopeId}", this::delete);
    }

    private void create(Context ctx) {
        UUID serverId = admin.authServer(ctx).id();
        Fields f = new Fields(JsonBody.read(ctx, admin.maxBodyBytes()), FIELDS, READ_ONLY);
        f.required("name");
        String name = name(f).orElse(null);
        String description = f.nullableString("description", 0, 1024).map(Fields.Nullable::value).orElse(null);
        boolean isDefault = f.bool("default").orElse(false);
        boolean inMetadata = f.bool("include_in_metadata").orElse(false);
        boolean enabled = f.bool("enabled").orElse(true);
        f.done();
        long now = Timestamps.nowMicros();
        Scope scope = new Scope(serverId, UUID.randomUUID(), name, description == null ? "" : description,
                isDefault, inMetadata, enabled, now, now);
        Conflicts.uniqueName("scope", name, () -> admin.jdbc().inTransaction(tx -> {
            admin.scopes().insert(tx, scope);
            return scope;
        }));
        admin.events().changed(serverId);
        Responses.json(ctx, 201, render(scope));
    }

    private void list(Context ctx) {
        UUID serverId = admin.authServer(ctx).id();
        var page = admin.scopes().list(serverId, ListParams.parse(ctx, LIST));
        Responses.json(ctx, 200, ListParams.envelope(page, ScopeRoutes::render));
    }

    private void get(Context ctx) {
        UUID serverId = admin.authServer(ctx).id();
        UUID id = PathParams.uuid(ctx, "scopeId");
        Responses.json(ctx, 200, render(admin.scopes().find(serverId, id).orElseThrow(ScopeRoutes::notFound)));
    }

    private void update(Context ctx) {
        UUID serverId = admin.authServer(ctx).id();
        UUID id = PathParams.uuid(ctx, "scopeId");
        Fields f = new Fields(JsonBody.read(ctx, admin.maxBodyBytes()), FIELDS, READ_ONLY);
        var name = name(f);
        var description = f.nullableString("description", 0, 1024);
        var isDefault = f.bool("default");
        var inMetadata = f.bool("include_in_metadata");
        var enabled = f.bool("enabled");
        f.done();
        Scope updated = Conflicts.uniqueName("scope", name.orElse(null), () -> admin.jdbc().inTransaction(tx -> {
            Scope s = admin.scopes().find(tx, serverId, id).orElseThrow(ScopeRoutes::notFound);
            Scope next = new Scope(serverId, id, name.orElse(s.name()),
                    description.map(d -> d.value() == null ? "" : d.value()).orElse(s.description()),
                    isDefault.orElse(s.isDefault()), inMetadata.orElse(s.includeInMetadata()),
                    enabled.orElse(s.enabled()), s.createdAt(), Timestamps.nowMicros());
            admin.scopes().update(tx, next);
            return next;
        }));
        admin.events().changed(serverId);
        Responses.json(ctx, 200, render(updated));
    }

    private void delete(Context ctx) {
        UUID serverId = admin.authServer(ctx).id();
        UUID id = PathParams.uuid(ctx, "scopeId");
        if (!admin.jdbc().inTransaction(tx -> admin.scopes().delete(tx, serverId, id))) {
            throw notFound();
        }
        admin.events().changed(serverId);
        ctx.status(204);
    }

    /** Scope names are RFC 6749 scope-tokens: printable ASCII without space, '"' or '\'. */
    private static java.util.Optional<String> name(Fields f) {
        return f.string("name", 1, 128).filter(n -> {
            boolean ok = n.chars().allMatch(c -> c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E));
            if (!ok) {
                f.invalid("name", "matches_regex", "must be printable ASCII without spaces, '\"' or '\\' (RFC 6749 scope-token)");
            }
            return ok;
        });
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("Scope not found");
    }

    static Map<String, Object> render(Scope s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("created_at", Timestamps.format(s.createdAt()));
        out.put("default", s.isDefault());
        out.put("description", s.description());
        out.put("enabled", s.enabled());
        out.put("id", s.id().toString());
        out.put("include_in_metadata", s.includeInMetadata());
        out.put("name", s.name());
        out.put("updated_at", Timestamps.format(s.updatedAt()));
        return out;
    }
}
