package dev.tessera.admin;

import dev.tessera.authserver.AuthServer;
import dev.tessera.authserver.AuthServerRepository;
import dev.tessera.authserver.Issuers;
import dev.tessera.http.InvalidParameter;
import dev.tessera.http.JsonBody;
import dev.tessera.http.ProblemException;
import dev.tessera.http.Responses;
import dev.tessera.http.RouteGroup;
import dev.tessera.store.Timestamps;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** {@code /v1/auth-servers}: create, list, get, PATCH and DELETE auth servers. */
final class AuthServerRoutes implements RouteGroup {
    static final String PATH = "/v1/auth-servers";
    private static final Set<String> FIELDS = AuthServerFields.FIELDS;
    private static final Set<String> READ_ONLY = AuthServerFields.READ_ONLY;
    private static final ListParams.Spec LIST = new ListParams.Spec(
            Map.of("name", new ListParams.Filter("name", ListParams.Kind.TEXT),
                    "description", new ListParams.Filter("description", ListParams.Kind.TEXT),
                    "audience", new ListParams.Filter("audience", ListParams.Kind.TEXT),
                    "id", new ListParams.Filter("id", ListParams.Kind.EXACT),
                    "labels", new ListParams.Filter("labels", ListParams.Kind.LABELS)),
            Map.of("created_at", "created_at", "updated_at", "updated_at", "name", "name", "audience", "audience"));

    private final AuthServerRepository servers;
    private final Issuers issuers;
    private final AdminContext admin;
    private final AuthServerService service;

    AuthServerRoutes(AdminContext admin) {
        this.admin = admin;
        this.servers = admin.authServers();
        this.issuers = admin.issuers();
        this.service = new AuthServerService(admin);
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi r) {
        r.post(PATH, this::create);
        r.get(PATH, this::list);
        r.get(PATH + "/{authServerId}", this::get);
        r.patch(PATH + "/{authServerId}", this::update);
        r.delete(PATH + "/{authServerId}", this::delete);
    }

    private void create(Context ctx) {
        var in = AuthServerFields.read(new Fields(JsonBody.read(ctx, admin.maxBodyBytes()), FIELDS, READ_ONLY), true);
        var draft = service.prepare(in);
        AuthServer server = admin.changes().run(ctx, change -> service.create(change, draft));
        Responses.json(ctx, 201, render(server));
    }

    private void list(Context ctx) {
        var page = servers.list(ListParams.parse(ctx, LIST));
        Responses.json(ctx, 200, ListParams.envelope(page, this::render));
    }

    private void get(Context ctx) {
        Responses.json(ctx, 200, render(admin.authServer(ctx)));
    }

    private void update(Context ctx) {
        UUID id = PathParams.uuid(ctx, "authServerId");
        var in = AuthServerFields.read(new Fields(JsonBody.read(ctx, admin.maxBodyBytes()), FIELDS, READ_ONLY), false);
        var prepared = service.prepareUpdate(id, in);
        AuthServer updated = admin.changes().run(ctx, change -> service.update(change, id, in, prepared));
        Responses.json(ctx, 200, render(updated));
    }

    private void delete(Context ctx) {
        UUID id = PathParams.uuid(ctx, "authServerId");
        String force = ctx.queryParam("force");
        if (force != null && !force.equals("true") && !force.equals("false")) {
            throw ProblemException.invalid(InvalidParameter.choice("query", "force", List.of("true", "false")));
        }
        admin.changes().run(ctx, change -> {
            service.delete(change, id, "true".equals(force));
            return null;
        });
        ctx.status(204);
    }

    Map<String, Object> render(AuthServer s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token_typ", s.accessTokenType().typ());
        out.put("audience", s.audience());
        out.put("created_at", Timestamps.format(s.createdAt()));
        out.put("description", s.description());
        out.put("id", s.id().toString());
        out.put("issuer", issuers.issuer(s.slug()));
        out.put("jwks_uri", issuers.jwksUri(s.slug()));
        out.put("key_rotation_period_days", s.keyRotationPeriodDays());
        out.put("labels", s.labels());
        out.put("metadata_uri", issuers.metadataUri(s.slug()));
        out.put("name", s.name());
        out.put("require_pkce", s.requirePkce());
        out.put("signing_algorithm", s.signingAlgorithm().name());
        out.put("trusted_origins", s.trustedOrigins());
        out.put("updated_at", Timestamps.format(s.updatedAt()));
        return out;
    }
}
