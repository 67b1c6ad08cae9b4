package dev.tessera.admin;

import dev.tessera.client.Client;
import dev.tessera.http.ProblemException;
import dev.tessera.http.Responses;
import dev.tessera.http.RouteGroup;
import dev.tessera.login.RefreshTokenRepository;
import dev.tessera.login.RefreshTokens;
import dev.tessera.store.Timestamps;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code .../clients/{clientId}/refresh-tokens} (Tessera only): the client's live refresh tokens
 * with their family, and {@code DELETE .../refresh-tokens/families/{familyId}} to revoke a family
 * and the access tokens issued with it.
 */
final class RefreshTokenRoutes implements RouteGroup {
    private static final String PATH = ClientRoutes.PATH + "/{clientId}/refresh-tokens";
    private static final ListParams.Spec LIST = new ListParams.Spec(
            Map.of("family_id", new ListParams.Filter("family_id", ListParams.Kind.EXACT)),
            Map.of("created_at", "created_at", "expires_at", "expires_at"));

    private final AdminContext admin;
    private final RefreshTokens refreshTokens;

    RefreshTokenRoutes(AdminContext admin, RefreshTokens refreshTokens) {
        this.admin = admin;
        this.refreshTokens = refreshTokens;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi r) {
        r.get(PATH, this::list);
        r.delete(PATH + "/families/{familyId}", this::revokeFamily);
    }

    private void list(Context ctx) {
        Client client = admin.client(ctx);
        var page = refreshTokens.repository().listLive(client.authServerId(), client.id(), ListParams.parse(ctx, LIST),
                Timestamps.nowMicros());
        Responses.json(ctx, 200, ListParams.envelope(page, RefreshTokenRoutes::render));
    }

    private void revokeFamily(Context ctx) {
        Client client = admin.client(ctx);
        UUID family = PathParams.uuid(ctx, "familyId");
        if (!refreshTokens.repository().hasLiveFamily(client.authServerId(), client.id(), family, Timestamps.nowMicros())) {
            throw ProblemException.notFound("Refresh token family not found");
        }
        refreshTokens.revokeFamily(client.authServerId(), client.id(), family);
        ctx.status(204);
    }

    static Map<String, Object> render(RefreshTokenRepository.Listed t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("created_at", Timestamps.format(t.createdAt()));
        out.put("expires_at", Timestamps.format(t.expiresAt()));
        out.put("family_id", t.familyId().toString());
        out.put("granted_scope_names", t.scopes());
        out.put("id", t.id());
        out.put("subject", t.subject());
        return out;
    }
}
