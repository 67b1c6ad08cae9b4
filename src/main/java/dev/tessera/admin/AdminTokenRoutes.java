package dev.tessera.admin;

import dev.tessera.admintoken.AdminToken;
import dev.tessera.admintoken.AdminTokens;
import dev.tessera.http.JsonBody;
import dev.tessera.http.ProblemException;
import dev.tessera.http.Responses;
import dev.tessera.http.RouteGroup;
import dev.tessera.store.Timestamps;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /v1/admin-tokens}: list, create (the value is in the create response only), get and
 * revoke admin tokens. Neither values nor hashes are ever listed.
 */
final class AdminTokenRoutes implements RouteGroup {
    static final String PATH = "/v1/admin-tokens";
    private static final ListParams.Spec LIST = new ListParams.Spec(
            Map.of("name", new ListParams.Filter("name", ListParams.Kind.TEXT),
                    "id", new ListParams.Filter("id", ListParams.Kind.EXACT),
                    "source", new ListParams.Filter("source", ListParams.Kind.EXACT),
                    "read_only", new ListParams.Filter("read_only", ListParams.Kind.BOOLEAN)),
            Map.of("name", "name", "created_at", "created_at", "last_used_at", "last_used_at"));

    private final AdminTokens tokens;
    private final int maxBodyBytes;
    private final Changes changes;
    private final AdminTokenService service;

    AdminTokenRoutes(AdminTokens tokens, int maxBodyBytes, Changes changes) {
        this.tokens = tokens;
        this.maxBodyBytes = maxBodyBytes;
        this.changes = changes;
        this.service = new AdminTokenService(tokens);
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi r) {
        r.get(PATH, this::list);
        r.post(PATH, this::create);
        r.get(PATH + "/{adminTokenId}", this::get);
        r.delete(PATH + "/{adminTokenId}", this::revoke);
    }

    private void list(Context ctx) {
        Responses.json(ctx, 200, ListParams.envelope(tokens.list(ListParams.parse(ctx, LIST)), t -> render(t, null)));
    }

    private void create(Context ctx) {
        Fields f = new Fields(JsonBody.read(ctx, maxBodyBytes), Set.of("name", "read_only"),
                Set.of("id", "created_at", "last_used_at", "source"));
        f.required("name");
        String name = f.string("name", 1, AdminTokens.MAX_NAME_LENGTH).orElse(null);
        boolean readOnly = f.bool("read_only").orElse(false);
        f.done();
        AdminTokens.Created created = changes.run(ctx, change -> service.create(change, name.strip(), readOnly));
        Responses.json(ctx, 201, render(created.token(), created.value()));
    }

    private void get(Context ctx) {
        Responses.json(ctx, 200, render(tokens.find(PathParams.uuid(ctx, "adminTokenId"))
                .orElseThrow(AdminTokenRoutes::notFound), null));
    }

    private void revoke(Context ctx) {
        UUID id = PathParams.uuid(ctx, "adminTokenId");
        changes.run(ctx, change -> {
            service.revoke(change, id);
            return null;
        });
        ctx.status(204);
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("Admin token not found");
    }

    static Map<String, Object> render(AdminToken t, String value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("created_at", Timestamps.format(t.createdAt()));
        out.put("id", t.id().toString());
        out.put("last_used_at", t.lastUsedAt() == null ? null : Timestamps.format(t.lastUsedAt()));
        out.put("name", t.name());
        out.put("read_only", t.readOnly());
        out.put("source", t.source().value());
        if (value != null) {
            out.put("token", value);
        }
        return out;
    }
}
