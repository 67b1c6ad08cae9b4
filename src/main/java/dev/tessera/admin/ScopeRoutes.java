package dev.tessera.admin;

import dev.tessera.http.JsonBody;
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
    private static final Set<String> FIELDS = ScopeFields.FIELDS;
    private static final Set<String> READ_ONLY = ScopeFields.READ_ONLY;
    private static final ListParams.Spec LIST = new ListParams.Spec(
            Map.of("name", new ListParams.Filter("name", ListParams.Kind.TEXT),
                    "id", new ListParams.Filter("id", ListParams.Kind.EXACT)),
            Map.of("created_at", "created_at", "updated_at", "updated_at", "name", "name"));

    private final AdminContext admin;
    private final ScopeService service;

    ScopeRoutes(AdminContext admin) {
        this.admin = admin;
        this.service = new ScopeService(admin);
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
        var in = ScopeFields.read(new Fields(JsonBody.read(ctx, admin.maxBodyBytes()), FIELDS, READ_ONLY), true);
        Scope scope = admin.changes().run(ctx, change -> service.create(change, serverId, in));
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
        Responses.json(ctx, 200, render(admin.scopes().find(serverId, id).orElseThrow(ScopeService::notFound)));
    }

    private void update(Context ctx) {
        UUID serverId = admin.authServer(ctx).id();
        UUID id = PathParams.uuid(ctx, "scopeId");
        var in = ScopeFields.read(new Fields(JsonBody.read(ctx, admin.maxBodyBytes()), FIELDS, READ_ONLY), false);
        Scope updated = admin.changes().run(ctx, change -> service.update(change, serverId, id, in));
        Responses.json(ctx, 200, render(updated));
    }

    private void delete(Context ctx) {
        UUID serverId = admin.authServer(ctx).id();
        UUID id = PathParams.uuid(ctx, "scopeId");
        admin.changes().run(ctx, change -> {
            service.delete(change, serverId, id);
            return null;
        });
        ctx.status(204);
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
