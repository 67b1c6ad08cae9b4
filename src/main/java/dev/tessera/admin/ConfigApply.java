package dev.tessera.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.authserver.AuthServer;
import dev.tessera.declarative.SecretReferences;
import dev.tessera.http.InvalidParameter;
import dev.tessera.http.ProblemException;
import dev.tessera.scope.Scope;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Carries out a {@link ConfigPlan} in ONE transaction through the same services as the HTTP
 * routes: the first failure rolls back every change of the apply. Each change is audited as the
 * request that would have made it ({@code POST .../scopes}, {@code PATCH .../clients/{id}}, ...).
 * Slow work is done before the transaction opens: new auth servers' signing keys and the hashes
 * of client secrets.
 */
final class ConfigApply {
    private final AdminContext admin;
    private final AuthServerService servers;
    private final ScopeService scopes;
    private final ClaimService claims;
    private final ClientService clients;

    ConfigApply(AdminContext admin, ClientService clients) {
        this.admin = admin;
        this.servers = new AuthServerService(admin);
        this.scopes = new ScopeService(admin);
        this.claims = new ClaimService(admin);
        this.clients = clients;
    }

    void apply(Change.Origin origin, ConfigPlan plan, List<ConfigState.ServerState> current) {
        // Before the transaction: keys for new auth servers, hashes for secrets.
        Map<ConfigPlan.Step, AuthServerService.Draft> drafts = new HashMap<>();
        Map<ConfigPlan.Step, ClientService.NewSecret> secrets = new HashMap<>();
        for (ConfigPlan.Step step : plan.steps()) {
            if (step.action() == ConfigPlan.Action.CREATE && step.type().equals(AuthServerService.TYPE)) {
                drafts.put(step, at(step, () -> servers.prepare(AuthServerFields.read(fields(step.body(),
                        AuthServerFields.FIELDS), true))));
            }
            if (step.type().equals(ClientService.TYPE) && step.action() != ConfigPlan.Action.DELETE) {
                JsonNode secret = step.body().get(SecretReferences.FIELD);
                boolean given = secret != null && secret.isTextual();
                if (given || step.action() == ConfigPlan.Action.CREATE) {
                    secrets.put(step, given ? clients.supplied(secret.asText()) : clients.generated());
                }
            }
        }
        Map<String, UUID> serverIds = new HashMap<>();
        Map<String, Map<String, UUID>> scopeIds = new HashMap<>();
        for (ConfigState.ServerState s : current) {
            serverIds.put(s.entry().name(), s.server().id());
            Map<String, UUID> names = new HashMap<>();
            s.items("scopes").values().forEach(e -> names.put(e.name(), UUID.fromString(e.id())));
            scopeIds.put(s.entry().name(), names);
        }
        admin.changes().run(origin, null, change -> {
            for (ConfigPlan.Step step : plan.steps()) {
                at(step, () -> {
                    run(change, step, drafts.get(step), secrets.get(step), serverIds, scopeIds);
                    return null;
                });
            }
            return null;
        });
    }

    private void run(Change change, ConfigPlan.Step step, AuthServerService.Draft draft, ClientService.NewSecret secret,
                     Map<String, UUID> serverIds, Map<String, Map<String, UUID>> scopeIds) {
        String serversPath = AuthServerRoutes.PATH;
        if (step.type().equals(AuthServerService.TYPE)) {
            switch (step.action()) {
                case CREATE -> {
                    change.describe(new Change.Request("POST", serversPath, step.body()));
                    AuthServer created = servers.create(change, draft);
                    serverIds.put(created.name(), created.id());
                    scopeIds.put(created.name(), new HashMap<>());
                }
                case UPDATE -> {
                    UUID id = UUID.fromString(step.id());
                    change.describe(new Change.Request("PATCH", serversPath + "/" + id, step.body()));
                    servers.update(change, id, AuthServerFields.read(fields(step.body(), AuthServerFields.FIELDS), false));
                }
                case DELETE -> {
                    UUID id = UUID.fromString(step.id());
                    change.describe(new Change.Request("DELETE", serversPath + "/" + id + "?force=true", null));
                    servers.delete(change, id, true);
                }
            }
            return;
        }
        UUID serverId = serverIds.get(step.serverName());
        Map<String, UUID> scopeNames = scopeIds.get(step.serverName());
        String collection = serversPath + "/" + serverId + "/" + collection(step.type());
        ObjectNode body = step.body().deepCopy();
        String method = switch (step.action()) {
            case CREATE -> "POST";
            case UPDATE -> "PATCH";
            case DELETE -> "DELETE";
        };
        String path = step.action() == ConfigPlan.Action.CREATE ? collection : collection + "/" + step.id();
        switch (step.type()) {
            case ScopeService.TYPE -> {
                change.describe(new Change.Request(method, path, body));
                switch (step.action()) {
                    case CREATE -> {
                        Scope scope = scopes.create(change, serverId, ScopeFields.read(fields(body, ScopeFields.FIELDS), true));
                        scopeNames.put(scope.name(), scope.id());
                    }
                    case UPDATE -> {
                        Scope scope = scopes.update(change, serverId, UUID.fromString(step.id()),
                                ScopeFields.read(fields(body, ScopeFields.FIELDS), false));
                        scopeNames.values().remove(scope.id());
                        scopeNames.put(scope.name(), scope.id());
                    }
                    case DELETE -> scopes.delete(change, serverId, UUID.fromString(step.id()));
                }
            }
            case ClaimService.TYPE -> {
                ids(body, "include_in_scopes", scopeNames);
                change.describe(new Change.Request(method, path, body));
                AuthServer server = step.action() == ConfigPlan.Action.DELETE ? null
                        : admin.authServers().find(change.tx(), serverId).orElseThrow(AuthServerService::notFound);
                switch (step.action()) {
                    case CREATE -> claims.create(change, server, ClaimFields.read(fields(body, ClaimFields.FIELDS), true,
                            admin.claimValueCheck()));
                    case UPDATE -> claims.update(change, server, UUID.fromString(step.id()),
                            ClaimFields.read(fields(body, ClaimFields.FIELDS), false, admin.claimValueCheck()));
                    case DELETE -> claims.delete(change, serverId, UUID.fromString(step.id()));
                }
            }
            case ClientService.TYPE -> {
                ids(body, "allow_scopes", scopeNames);
                change.describe(new Change.Request(method, path, body));
                ObjectNode withoutSecret = body.deepCopy();
                withoutSecret.remove(SecretReferences.FIELD);
                switch (step.action()) {
                    case CREATE -> clients.create(change, serverId, ClientFields.read(fields(withoutSecret, ClientFields.FIELDS),
                            ClientFields.Mode.CREATE), secret);
                    case UPDATE -> clients.update(change, serverId, step.id(), ClientFields.read(fields(withoutSecret,
                            ClientFields.FIELDS), ClientFields.Mode.UPDATE), secret);
                    case DELETE -> clients.delete(change, serverId, step.id());
                }
            }
            default -> throw new IllegalStateException("unknown resource type " + step.type());
        }
    }

    private static String collection(String type) {
        return switch (type) {
            case ScopeService.TYPE -> "scopes";
            case ClaimService.TYPE -> "claims";
            default -> "clients";
        };
    }

    /** Scope names become the ids the API takes. */
    private static void ids(ObjectNode body, String field, Map<String, UUID> scopeNames) {
        JsonNode names = body.get(field);
        if (names == null || !names.isArray()) {
            return;
        }
        ArrayNode ids = body.putArray(field);
        for (JsonNode n : names) {
            UUID id = scopeNames.get(n.asText());
            if (id == null) {
                // The document was checked; only a scope deleted meanwhile by someone else gets here.
                throw ProblemException.invalid(InvalidParameter.of("body", field, "missing_reference",
                        "no scope named [" + n.asText() + "] in this auth server"));
            }
            ids.add(id.toString());
        }
    }

    private static Fields fields(ObjectNode body, Set<String> allowed) {
        return new Fields(body.deepCopy(), allowed, Set.of());
    }

    /** A refusal of one step names that object's path in the file, so the operator can find it. */
    private static <T> T at(ConfigPlan.Step step, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (ProblemException p) {
            if (p.invalidParameters().isEmpty()) {
                throw new ProblemException(p.status(), p.title(), step.path() + ": " + p.detail(), List.of());
            }
            List<InvalidParameter> located = p.invalidParameters().stream().map(v -> ConfigDocument.at(step.path(), v)).toList();
            throw new ProblemException(p.status(), p.title(), step.path() + ": " + p.detail(), located);
        }
    }
}
