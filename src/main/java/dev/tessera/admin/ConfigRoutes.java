package dev.tessera.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.client.ClientSecret;
import dev.tessera.declarative.ConfigFiles;
import dev.tessera.http.InvalidParameter;
import dev.tessera.http.JsonBody;
import dev.tessera.http.ProblemException;
import dev.tessera.http.Responses;
import dev.tessera.http.RouteGroup;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Declarative configuration over HTTP (docs/CONFIG-AS-CODE.md), what {@code tessera apply} and
 * {@code tessera export} call: {@code GET /v1/config} exports, {@code POST /v1/config:plan}
 * answers what an apply of the body would change, and {@code POST /v1/config:apply} makes the
 * change in one transaction. The body is the file, as JSON or YAML; {@code ?prune=true} also
 * deletes what the file does not name.
 */
final class ConfigRoutes implements RouteGroup {
    static final String EXPORT = "/v1/config";
    static final String PLAN = "/v1/config:plan";
    static final String APPLY = "/v1/config:apply";
    private static final Set<String> YAML_TYPES = Set.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml");

    private final AdminContext admin;
    private final ConfigApply applier;

    ConfigRoutes(AdminContext admin, ClientService clients) {
        this.admin = admin;
        this.applier = new ConfigApply(admin, clients);
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi r) {
        r.get(EXPORT, this::export);
        r.post(PLAN, this::plan);
        r.post(APPLY, this::apply);
    }

    private void export(Context ctx) {
        Responses.json(ctx, 200, ConfigState.export(ConfigState.read(admin)));
    }

    private void plan(Context ctx) {
        boolean prune = prune(ctx);
        ConfigDocument doc = ConfigDocument.check(body(ctx), admin.claimValueCheck());
        var current = ConfigState.read(admin);
        ConfigPlan plan = ConfigPlan.of(doc, current, prune, secretCheck(current));
        ctx.attribute(Changes.AUDITED_ATTRIBUTE, true); // a plan changes nothing: no audit event
        ObjectNode out = plan.toJson();
        out.put("applied", false);
        Responses.json(ctx, 200, out);
    }

    private void apply(Context ctx) {
        boolean prune = prune(ctx);
        ConfigDocument doc = ConfigDocument.check(body(ctx), admin.claimValueCheck());
        var current = ConfigState.read(admin);
        ConfigPlan plan = ConfigPlan.of(doc, current, prune, secretCheck(current));
        if (!plan.isEmpty()) {
            applier.apply(Changes.origin(ctx), plan, current);
        }
        ctx.attribute(Changes.AUDITED_ATTRIBUTE, true); // each change was audited in the apply's transaction
        ObjectNode out = plan.toJson();
        out.put("applied", !plan.isEmpty());
        Responses.json(ctx, 200, out);
    }

    /** A client's secret in the file is unchanged when it is one of the client's enabled secrets. */
    private ConfigPlan.SecretCheck secretCheck(List<ConfigState.ServerState> current) {
        Map<ConfigState.Entry, UUID> serverOf = new IdentityHashMap<>();
        current.forEach(s -> s.items("clients").values().forEach(e -> serverOf.put(e, s.server().id())));
        return (client, value) -> admin.secretHasher().matchesAny(value,
                admin.clientSecrets().enabled(serverOf.get(client), client.id()).stream().map(ClientSecret::hash).toList());
    }

    private static boolean prune(Context ctx) {
        String prune = ctx.queryParam("prune");
        if (prune != null && !prune.equals("true") && !prune.equals("false")) {
            throw ProblemException.invalid(InvalidParameter.choice("query", "prune", List.of("true", "false")));
        }
        return "true".equals(prune);
    }

    /** The file: JSON or YAML by Content-Type (415 otherwise), within the body limit (413). */
    private ObjectNode body(Context ctx) {
        String type = ctx.header("Content-Type");
        String base = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!base.equals("application/json") && !YAML_TYPES.contains(base)) {
            throw new ProblemException(415, "Unsupported Media Type",
                    "The configuration must be sent as application/json or application/yaml", List.of());
        }
        byte[] bytes = JsonBody.bytes(ctx, admin.maxBodyBytes());
        try {
            return ConfigFiles.read(bytes);
        } catch (ConfigFiles.Unreadable e) {
            throw ProblemException.badRequest("The configuration " + e.getMessage(),
                    List.of(InvalidParameter.of("body", "body", "invalid", e.getMessage())));
        }
    }
}
