package dev.tessera.admin;

import dev.tessera.client.Client;
import dev.tessera.http.ProblemException;
import dev.tessera.http.Responses;
import dev.tessera.http.RouteGroup;
import dev.tessera.store.Timestamps;
import dev.tessera.token.TokenRecord;
import dev.tessera.token.TokenRepository;
import dev.tessera.token.TokenRevoker;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code .../clients/{clientId}/tokens}: the client's live (unexpired, unrevoked) tokens;
 * DELETE one or all revokes them, visible to introspection at once.
 */
final class TokenRoutes implements RouteGroup {
    private static final String PATH = ClientRoutes.PATH + "/{clientId}/tokens";
    private static final ListParams.Spec LIST = new ListParams.Spec(
            Map.of("id", new ListParams.Filter("id", ListParams.Kind.EXACT)),
            Map.of("created_at", "created_at", "expires_at", "expires_at"));

    private final AdminContext admin;
    private final TokenRepository tokens;
    private final TokenService service;

    TokenRoutes(AdminContext admin, TokenRepository tokens, TokenRevoker revoker) {
        this.admin = admin;
        this.tokens = tokens;
        this.service = new TokenService(revoker);
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi r) {
        r.get(PATH, this::list);
        r.delete(PATH, this::revokeAll);
        r.get(PATH + "/{tokenId}", this::get);
        r.delete(PATH + "/{tokenId}", this::revoke);
    }

    private void list(Context ctx) {
        Client client = admin.client(ctx);
        var page = tokens.list(client.authServerId(), client.id(), ListParams.parse(ctx, LIST), Timestamps.nowMicros());
        Responses.json(ctx, 200, ListParams.envelope(page, TokenRoutes::render));
    }

    private void get(Context ctx) {
        Client client = admin.client(ctx);
        UUID id = PathParams.uuid(ctx, "tokenId");
        Responses.json(ctx, 200, render(tokens.find(client.authServerId(), client.id(), id, Timestamps.nowMicros())
                .orElseThrow(() -> ProblemException.notFound("Token not found"))));
    }

    private void revoke(Context ctx) {
        Client client = admin.client(ctx);
        UUID id = PathParams.uuid(ctx, "tokenId");
        admin.changes().run(ctx, change -> {
            service.revoke(change, client, id);
            return null;
        });
        ctx.status(204);
    }

    private void revokeAll(Context ctx) {
        Client client = admin.client(ctx);
        admin.changes().run(ctx, change -> {
            service.revokeAll(change, client);
            return null;
        });
        ctx.status(204);
    }

    static Map<String, Object> render(TokenRecord t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("created_at", Timestamps.format(t.createdAt()));
        out.put("expires_at", Timestamps.format(t.expiresAt()));
        out.put("granted_scope_names", t.grantedScopeNames());
        out.put("id", t.id().toString());
        return out;
    }
}
