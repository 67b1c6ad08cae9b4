package dev.tessera.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.authserver.AccessTokenType;
import dev.tessera.authserver.AuthServer;
import dev.tessera.authserver.AuthServerRepository;
import dev.tessera.authserver.Issuers;
import dev.tessera.authserver.SigningAlgorithm;
import dev.tessera.crypto.RandomStrings;
import dev.tessera.http.InvalidParameter;
import dev.tessera.http.JsonBody;
import dev.tessera.http.ProblemException;
import dev.tessera.http.Responses;
import dev.tessera.http.RouteGroup;
import dev.tessera.store.Jdbc;
import dev.tessera.store.Timestamps;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** {@code /v1/auth-servers}: create, list, get, PATCH and DELETE auth servers. */
final class AuthServerRoutes implements RouteGroup {
    static final String PATH = "/v1/auth-servers";
    private static final Set<String> FIELDS = Set.of("name", "description", "audience", "signing_algorithm",
            "access_token_typ", "labels", "trusted_origins", "key_rotation_period_days");
    private static final Set<String> READ_ONLY = Set.of("id", "issuer", "metadata_uri", "jwks_uri", "created_at",
            "updated_at");
    private static final ListParams.Spec LIST = new ListParams.Spec(
            Map.of("name", new ListParams.Filter("name", ListParams.Kind.TEXT),
                    "description", new ListParams.Filter("description", ListParams.Kind.TEXT),
                    "audience", new ListParams.Filter("audience", ListParams.Kind.TEXT),
                    "id", new ListParams.Filter("id", ListParams.Kind.EXACT),
                    "labels", new ListParams.Filter("labels", ListParams.Kind.LABELS)),
            Map.of("created_at", "created_at", "updated_at", "updated_at", "name", "name", "audience", "audience"));

    private final Jdbc jdbc;
    private final AuthServerRepository servers;
    private final Issuers issuers;
    private final AdminContext admin;

    AuthServerRoutes(AdminContext admin) {
        this.admin = admin;
        this.jdbc = admin.jdbc();
        this.servers = admin.authServers();
        this.issuers = admin.issuers();
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
        Fields f = new Fields(JsonBody.read(ctx, admin.maxBodyBytes()), FIELDS, READ_ONLY);
        f.required("name");
        f.required("audience");
        String name = f.string("name", 1, 255).orElse(null);
        String description = f.nullableString("description", 0, 1024).map(Fields.Nullable::value).orElse(null);
        String audience = f.string("audience", 1, 2048).orElse(null);
        SigningAlgorithm alg = f.oneOf("signing_algorithm", SigningAlgorithm.NAMES, SigningAlgorithm::valueOf)
                .orElse(SigningAlgorithm.RS256);
        AccessTokenType typ = accessTokenType(f).orElse(AccessTokenType.JWT);
        Map<String, String> labels = f.labels("labels").orElse(Map.of());
        List<String> origins = trustedOrigins(f).orElse(List.of());
        Integer rotationDays = rotationPeriod(f).map(Fields.Nullable::value).orElse(null);
        f.done();
        long now = Timestamps.nowMicros();
        AuthServer server = new AuthServer(UUID.randomUUID(), RandomStrings.slug(), name,
                description == null ? "" : description, audience, alg, typ, origins, labels, now, now, rotationDays);
        var creation = admin.events().prepareCreation(server);
        Conflicts.uniqueName("auth server", name, () -> jdbc.inTransaction(tx -> {
            servers.insert(tx, server);
            creation.run(tx);
            return server;
        }));
        admin.events().changed(server.id());
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
        ObjectNode body = JsonBody.read(ctx, admin.maxBodyBytes());
        Fields f = new Fields(body, FIELDS, READ_ONLY);
        var name = f.string("name", 1, 255);
        var description = f.nullableString("description", 0, 1024);
        var audience = f.string("audience", 1, 2048);
        var alg = f.oneOf("signing_algorithm", SigningAlgorithm.NAMES, SigningAlgorithm::valueOf);
        var typ = accessTokenType(f);
        var labelUpdates = f.labelUpdates("labels", true);
        var origins = trustedOrigins(f);
        var rotationDays = rotationPeriod(f);
        f.done();
        // A new algorithm brings a key of its type into the lifecycle, generated before the transaction.
        var algorithmChange = alg.map(a -> admin.events().prepareAlgorithmChange(id, a)).orElse(tx -> { });
        AuthServer updated = Conflicts.uniqueName("auth server", name.orElse(null), () -> jdbc.inTransaction(tx -> {
            AuthServer s = servers.find(tx, id).orElseThrow(() -> ProblemException.notFound("Auth server not found"));
            Map<String, String> labels = LabelPatch.apply(s.labels(), f.isNull("labels"), labelUpdates);
            AuthServer next = new AuthServer(s.id(), s.slug(), name.orElse(s.name()),
                    description.map(d -> d.value() == null ? "" : d.value()).orElse(s.description()),
                    audience.orElse(s.audience()), alg.orElse(s.signingAlgorithm()), typ.orElse(s.accessTokenType()),
                    origins.orElse(s.trustedOrigins()),
                    labels, s.createdAt(), Timestamps.nowMicros(),
                    rotationDays.isPresent() ? rotationDays.get().value() : s.keyRotationPeriodDays());
            servers.update(tx, next);
            algorithmChange.run(tx);
            return next;
        }));
        admin.events().changed(id);
        Responses.json(ctx, 200, render(updated));
    }

    private void delete(Context ctx) {
        UUID id = PathParams.uuid(ctx, "authServerId");
        String force = ctx.queryParam("force");
        if (force != null && !force.equals("true") && !force.equals("false")) {
            throw ProblemException.invalid(InvalidParameter.choice("query", "force", List.of("true", "false")));
        }
        boolean deleted = jdbc.inTransaction(tx -> {
            // force defaults to false, as in Kong's API: only an empty auth server goes without it.
            if (!"true".equals(force) && servers.find(tx, id).isPresent() && servers.hasChildren(tx, id)) {
                throw ProblemException.badRequest("Auth server still has scopes, claims or clients; "
                        + "delete them first or use force=true", List.of(InvalidParameter.of("query", "force",
                        "invalid", "must be true to delete an auth server that still has scopes, claims or clients")));
            }
            return servers.delete(tx, id);
        });
        if (!deleted) {
            throw ProblemException.notFound("Auth server not found");
        }
        admin.events().changed(id);
        ctx.status(204);
    }

    private static java.util.Optional<AccessTokenType> accessTokenType(Fields f) {
        return f.oneOf("access_token_typ", AccessTokenType.NAMES, t -> AccessTokenType.of(t).orElseThrow());
    }

    /** key_rotation_period_days: whole days, 1 to 3650 (ten years), or null for rotation on demand only. */
    private static java.util.Optional<Fields.Nullable<Integer>> rotationPeriod(Fields f) {
        if (f.isNull("key_rotation_period_days")) {
            return java.util.Optional.of(new Fields.Nullable<>(null));
        }
        return f.integer("key_rotation_period_days", 1, 3650).map(Fields.Nullable::new);
    }

    private static java.util.Optional<List<String>> trustedOrigins(Fields f) {
        return f.stringArray("trusted_origins", 0, 16, 512, AuthServerRoutes::originProblem);
    }

    /** An origin is scheme://host[:port] with http or https, nothing more (CORS compares it exactly). */
    static String originProblem(String v) {
        try {
            URI u = new URI(v);
            boolean ok = ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null
                    && (u.getRawPath() == null || u.getRawPath().isEmpty()) && u.getRawQuery() == null
                    && u.getRawFragment() == null && u.getRawUserInfo() == null;
            return ok ? null : "must be an origin such as https://app.example.com (scheme, host and optional port)";
        } catch (java.net.URISyntaxException e) {
            return "must be an origin such as https://app.example.com";
        }
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
        out.put("signing_algorithm", s.signingAlgorithm().name());
        out.put("trusted_origins", s.trustedOrigins());
        out.put("updated_at", Timestamps.format(s.updatedAt()));
        return out;
    }
}
