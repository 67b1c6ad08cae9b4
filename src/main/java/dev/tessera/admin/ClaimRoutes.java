package dev.tessera.admin;

import dev.tessera.authserver.AuthServer;
import dev.tessera.claim.Claim;
import dev.tessera.http.JsonBody;
import dev.tessera.http.Responses;
import dev.tessera.http.RouteGroup;
import dev.tessera.store.Timestamps;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** {@code /v1/auth-servers/{id}/claims}: create, list, get, PATCH and DELETE claims. */
final class ClaimRoutes implements RouteGroup {
    private static final String PATH = AuthServerRoutes.PATH + "/{authServerId}/claims";
    private static final ListParams.Spec LIST = new ListParams.Spec(
            Map.of("name", new ListParams.Filter("name", ListParams.Kind.TEXT),
                    "id", new ListParams.Filter("id", ListParams.Kind.EXACT)),
            Map.of("created_at", "created_at", "updated_at", "updated_at", "name", "name"));

    private final AdminContext admin;
    private final ClaimService service;

    ClaimRoutes(AdminContext admin) {
        this.admin = admin;
        this.service = new ClaimService(admin);
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi r) {
        r.post(PATH, this::create);
        r.get(PATH, this::list);
        r.get(PATH + "/{claimId}", this::get);
        r.patch(PATH + "/{claimId}", this::update);
        r.delete(PATH + "/{claimId}", this::delete);
    }

    private void create(Context ctx) {
        AuthServer server = admin.authServer(ctx);
        var in = ClaimFields.read(fields(ctx), true, admin.claimValueCheck());
        Claim claim = admin.changes().run(ctx, change -> service.create(change, server, in));
        Responses.json(ctx, 201, render(claim));
    }

    private void list(Context ctx) {
        UUID serverId = admin.authServer(ctx).id();
        var page = admin.claims().list(serverId, ListParams.parse(ctx, LIST));
        Responses.json(ctx, 200, ListParams.envelope(page, ClaimRoutes::render));
    }

    private void get(Context ctx) {
        UUID serverId = admin.authServer(ctx).id();
        UUID id = PathParams.uuid(ctx, "claimId");
        Responses.json(ctx, 200, render(admin.claims().find(serverId, id).orElseThrow(ClaimService::notFound)));
    }

    private void update(Context ctx) {
        AuthServer server = admin.authServer(ctx);
        UUID id = PathParams.uuid(ctx, "claimId");
        var in = ClaimFields.read(fields(ctx), false, admin.claimValueCheck());
        Claim updated = admin.changes().run(ctx, change -> service.update(change, server, id, in));
        Responses.json(ctx, 200, render(updated));
    }

    private void delete(Context ctx) {
        UUID serverId = admin.authServer(ctx).id();
        UUID id = PathParams.uuid(ctx, "claimId");
        admin.changes().run(ctx, change -> {
            service.delete(change, serverId, id);
            return null;
        });
        ctx.status(204);
    }

    private Fields fields(Context ctx) {
        return new Fields(JsonBody.read(ctx, admin.maxBodyBytes()), ClaimFields.FIELDS, ClaimFields.READ_ONLY);
    }

    static Map<String, Object> render(Claim c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("created_at", Timestamps.format(c.createdAt()));
        out.put("enabled", c.enabled());
        out.put("id", c.id().toString());
        out.put("include_in_all_scopes", c.includeInAllScopes());
        out.put("include_in_scopes", c.includeInScopes().stream().map(UUID::toString).toList());
        out.put("include_in_token", c.includeInToken());
        out.put("name", c.name());
        out.put("updated_at", Timestamps.format(c.updatedAt()));
        out.put("value", c.value());
        return out;
    }
}
