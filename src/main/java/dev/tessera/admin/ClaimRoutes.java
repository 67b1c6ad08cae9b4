package dev.tessera.admin;

import dev.tessera.authserver.AuthServer;
import dev.tessera.claim.Claim;
import dev.tessera.http.InvalidParameter;
import dev.tessera.http.JsonBody;
import dev.tessera.http.ProblemException;
import dev.tessera.http.Responses;
import dev.tessera.http.RouteGroup;
import dev.tessera.store.Timestamps;
import dev.tessera.store.Tx;
import dev.tessera.token.StaticClaimsSize;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** {@code /v1/auth-servers/{id}/claims}: create, list, get, PATCH and DELETE claims. */
final class ClaimRoutes implements RouteGroup {
    private static final String PATH = AuthServerRoutes.PATH + "/{authServerId}/claims";
    static final int MAX_VALUE_LENGTH = 4096;
    private static final int MAX_SCOPES = 100;
    private static final Set<String> FIELDS = Set.of("name", "value", "include_in_token", "include_in_all_scopes",
            "include_in_scopes", "enabled");
    private static final Set<String> READ_ONLY = Set.of("id", "created_at", "updated_at");
    private static final ListParams.Spec LIST = new ListParams.Spec(
            Map.of("name", new ListParams.Filter("name", ListParams.Kind.TEXT),
                    "id", new ListParams.Filter("id", ListParams.Kind.EXACT)),
            Map.of("created_at", "created_at", "updated_at", "updated_at", "name", "name"));

    private final AdminContext admin;

    ClaimRoutes(AdminContext admin) {
        this.admin = admin;
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
        UUID serverId = server.id();
        Fields f = new Fields(JsonBody.read(ctx, admin.maxBodyBytes()), FIELDS, READ_ONLY);
        f.required("name");
        f.required("value");
        String name = name(f).orElse(null);
        String value = value(f).orElse(null);
        boolean inToken = f.bool("include_in_token").orElse(false);
        boolean inAll = f.bool("include_in_all_scopes").orElse(false);
        List<UUID> scopes = f.uuidArray("include_in_scopes", MAX_SCOPES).orElse(List.of());
        boolean enabled = f.bool("enabled").orElse(true);
        f.done();
        long now = Timestamps.nowMicros();
        Claim claim = new Claim(serverId, UUID.randomUUID(), name, value, inToken, inAll, scopes, enabled, now, now);
        ClaimBudgetCheck.require(server, admin.claims().all(serverId), claim);
        Conflicts.uniqueName("claim", name, () -> admin.jdbc().inTransaction(tx -> {
            admin.requireScopes(tx, serverId, scopes, "include_in_scopes");
            requireTokensFit(tx, server, claim);
            admin.claims().insert(tx, claim);
            return claim;
        }));
        admin.events().changed(serverId);
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
        Responses.json(ctx, 200, render(admin.claims().find(serverId, id).orElseThrow(ClaimRoutes::notFound)));
    }

    private void update(Context ctx) {
        AuthServer server = admin.authServer(ctx);
        UUID serverId = server.id();
        UUID id = PathParams.uuid(ctx, "claimId");
        Fields f = new Fields(JsonBody.read(ctx, admin.maxBodyBytes()), FIELDS, READ_ONLY);
        var name = name(f);
        var value = value(f);
        var inToken = f.bool("include_in_token");
        var inAll = f.bool("include_in_all_scopes");
        var scopes = f.uuidArray("include_in_scopes", MAX_SCOPES);
        var enabled = f.bool("enabled");
        f.done();
        // Checked outside the write transaction (evaluating may take a moment); the issuer enforces it too.
        if (value.isPresent() || enabled.isPresent() || inToken.isPresent()) {
            admin.claims().find(serverId, id).ifPresent(current -> ClaimBudgetCheck.require(server,
                    admin.claims().all(serverId), new Claim(serverId, id, current.name(), value.orElse(current.value()),
                            inToken.orElse(current.includeInToken()), current.includeInAllScopes(), current.includeInScopes(),
                            enabled.orElse(current.enabled()), current.createdAt(), current.updatedAt())));
        }
        Claim updated = Conflicts.uniqueName("claim", name.orElse(null), () -> admin.jdbc().inTransaction(tx -> {
            Claim c = admin.claims().find(tx, serverId, id).orElseThrow(ClaimRoutes::notFound);
            scopes.ifPresent(s -> admin.requireScopes(tx, serverId, s, "include_in_scopes"));
            Claim next = new Claim(serverId, id, name.orElse(c.name()), value.orElse(c.value()),
                    inToken.orElse(c.includeInToken()), inAll.orElse(c.includeInAllScopes()),
                    scopes.orElse(c.includeInScopes()), enabled.orElse(c.enabled()), c.createdAt(), Timestamps.nowMicros());
            requireTokensFit(tx, server, next);
            admin.claims().update(tx, next);
            return next;
        }));
        admin.events().changed(serverId);
        Responses.json(ctx, 200, render(updated));
    }

    private void delete(Context ctx) {
        UUID serverId = admin.authServer(ctx).id();
        UUID id = PathParams.uuid(ctx, "claimId");
        if (!admin.jdbc().inTransaction(tx -> admin.claims().delete(tx, serverId, id))) {
            throw notFound();
        }
        admin.events().changed(serverId);
        ctx.status(204);
    }

    private static Optional<String> name(Fields f) {
        return f.string("name", 1, 255).filter(n -> {
            if (Claim.RESERVED_NAMES.contains(n)) {
                f.invalid("name", "invalid", "is a registered claim the token sets itself; choose another name");
                return false;
            }
            return true;
        });
    }

    private Optional<String> value(Fields f) {
        return f.string("value", 1, MAX_VALUE_LENGTH).filter(v -> {
            String problem = admin.claimValueCheck().apply(v);
            if (problem != null) {
                f.invalid("value", "invalid", problem);
                return false;
            }
            return true;
        });
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

    private static ProblemException notFound() {
        return ProblemException.notFound("Claim not found");
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
