package dev.tessera.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.declarative.SecretReferences;
import dev.tessera.http.InvalidParameter;
import dev.tessera.http.ProblemException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * A declarative configuration document (docs/CONFIG-AS-CODE.md), checked as a whole before
 * anything is planned: its shape, unique names, references by name to the auth server's own
 * scopes, and every object's fields through the same validation as the management API's create
 * bodies. Every problem is reported at once, each at its path in the file
 * ({@code auth_servers[0].clients[1].grant_types}).
 *
 * <p>The objects are the API's bodies (same field names), less the read-only fields, with scope
 * ids replaced by scope names in {@code include_in_scopes} and {@code allow_scopes}; an auth
 * server carries its {@code scopes}, {@code claims} and {@code clients}.
 */
final class ConfigDocument {
    static final int FORMAT_VERSION = 1;
    static final String SERVERS = "auth_servers";
    static final List<String> CHILDREN = List.of("scopes", "claims", "clients");
    private static final Set<String> TOP = Set.of("format_version", SERVERS);

    /** One scope, claim or client: its path in the file and its API fields (references by name). */
    record Item(String path, String name, ObjectNode body) {
    }

    record Server(String path, String name, ObjectNode body, Map<String, List<Item>> children) {
        List<Item> items(String kind) {
            return children.get(kind);
        }
    }

    private final List<Server> servers;

    private ConfigDocument(List<Server> servers) {
        this.servers = servers;
    }

    List<Server> servers() {
        return servers;
    }

    /** The checked document, or a 400 listing every problem. */
    static ConfigDocument check(ObjectNode document, Function<String, String> claimValueCheck) {
        List<InvalidParameter> problems = new ArrayList<>();
        document.fieldNames().forEachRemaining(f -> {
            if (!TOP.contains(f)) {
                problems.add(problem(f, "unknown_property", "is not a known property (expected format_version, auth_servers)"));
            }
        });
        JsonNode version = document.get("format_version");
        if (version != null && !version.asText().equals(String.valueOf(FORMAT_VERSION))) {
            problems.add(problem("format_version", "invalid", "must be " + FORMAT_VERSION));
        }
        List<Server> servers = new ArrayList<>();
        for (Element e : elements(document, SERVERS, "", true, problems)) {
            servers.add(server(e, claimValueCheck, problems));
        }
        duplicates(servers.stream().map(s -> new Item(s.path(), s.name(), s.body())).toList(), problems);
        if (!problems.isEmpty()) {
            throw ProblemException.badRequest("The configuration has " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + "; nothing was changed", problems);
        }
        return new ConfigDocument(servers);
    }

    private record Element(String path, ObjectNode object) {
    }

    /** The objects of an array field; a problem for a missing (when required) or malformed one. */
    private static List<Element> elements(ObjectNode parent, String field, String parentPath, boolean required,
                                          List<InvalidParameter> problems) {
        String path = parentPath.isEmpty() ? field : parentPath + "." + field;
        JsonNode array = parent.get(field);
        List<Element> out = new ArrayList<>();
        if (array == null || array.isNull()) {
            if (required) {
                problems.add(problem(path, "required", "is required (an empty list is allowed)"));
            }
            return out;
        }
        if (!array.isArray()) {
            problems.add(problem(path, "is_array", "must be a list"));
            return out;
        }
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).isObject()) {
                out.add(new Element(path + "[" + i + "]", (ObjectNode) array.get(i)));
            } else {
                problems.add(problem(path + "[" + i + "]", "is_object", "must be an object"));
            }
        }
        return out;
    }

    private static Server server(Element e, Function<String, String> claimValueCheck, List<InvalidParameter> problems) {
        ObjectNode body = e.object().deepCopy();
        CHILDREN.forEach(body::remove);
        validate(e.path(), problems, () -> AuthServerFields.read(new Fields(body.deepCopy(), AuthServerFields.FIELDS, Set.of()), true));

        Map<String, List<Item>> children = new HashMap<>();
        for (String kind : CHILDREN) {
            List<Item> items = new ArrayList<>();
            for (Element c : elements(e.object(), kind, e.path(), false, problems)) {
                items.add(new Item(c.path(), name(c.object()), c.object().deepCopy()));
            }
            duplicates(items, problems);
            children.put(kind, items);
        }
        Set<String> scopeNames = new LinkedHashSet<>();
        children.get("scopes").forEach(s -> scopeNames.add(s.name()));
        for (Item scope : children.get("scopes")) {
            validate(scope.path(), problems, () -> ScopeFields.read(new Fields(scope.body().deepCopy(), ScopeFields.FIELDS, Set.of()), true));
        }
        for (Item claim : children.get("claims")) {
            ObjectNode probe = claim.body().deepCopy();
            references(claim, "include_in_scopes", scopeNames, probe, problems);
            validate(claim.path(), problems, () -> ClaimFields.read(new Fields(probe, ClaimFields.FIELDS, Set.of()), true, claimValueCheck));
        }
        for (Item client : children.get("clients")) {
            ObjectNode probe = client.body().deepCopy();
            references(client, "allow_scopes", scopeNames, probe, problems);
            secret(client, probe.remove(SecretReferences.FIELD), problems);
            validate(client.path(), problems, () -> ClientFields.read(new Fields(probe, ClientFields.FIELDS, Set.of()),
                    ClientFields.Mode.CREATE));
        }
        return new Server(e.path(), name(e.object()), body, children);
    }

    private static String name(ObjectNode object) {
        JsonNode name = object.get("name");
        return name != null && name.isTextual() ? name.asText() : null;
    }

    /** Names must be unique among their siblings, as the API requires. */
    private static void duplicates(List<Item> items, List<InvalidParameter> problems) {
        Map<String, String> seen = new HashMap<>();
        for (Item item : items) {
            if (item.name() == null) {
                continue;
            }
            String first = seen.putIfAbsent(item.name(), item.path());
            if (first != null) {
                problems.add(problem(item.path() + ".name", "invalid", "duplicates the name [" + item.name() + "] of " + first));
            }
        }
    }

    /** Scope names in {@code field} must name scopes of this auth server in the file; the probe gets stand-in ids. */
    private static void references(Item item, String field, Set<String> scopeNames, ObjectNode probe,
                                   List<InvalidParameter> problems) {
        JsonNode names = item.body().get(field);
        if (names == null || names.isNull()) {
            return;
        }
        if (!names.isArray()) {
            problems.add(problem(item.path() + "." + field, "is_array", "must be a list of scope names"));
            probe.remove(field);
            return;
        }
        ArrayNode ids = probe.putArray(field);
        for (int i = 0; i < names.size(); i++) {
            JsonNode n = names.get(i);
            String path = item.path() + "." + field + "[" + i + "]";
            if (!n.isTextual()) {
                problems.add(problem(path, "is_string", "must be a scope name"));
            } else if (!scopeNames.contains(n.asText())) {
                problems.add(problem(path, "missing_reference", "no scope named [" + n.asText()
                        + "] in this auth server's scopes"));
            }
            // A stand-in id per name (the same for the same name) lets the API's checks of the list run.
            ids.add(UUID.nameUUIDFromBytes(n.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        }
    }

    /** A client's secret arrives resolved: a value of 1 to 512 characters, never an unresolved reference. */
    private static void secret(Item client, JsonNode secret, List<InvalidParameter> problems) {
        if (secret == null || secret.isNull()) {
            return;
        }
        String path = client.path() + "." + SecretReferences.FIELD;
        if (!secret.isTextual()) {
            problems.add(problem(path, "is_string", "must be a string"));
        } else if (SecretReferences.isReference(secret.asText())) {
            problems.add(problem(path, "invalid", "is a secret reference the server does not resolve: "
                    + "`tessera apply` replaces ${env:...} and ${file:...} with their values before sending the file"));
        } else if (secret.asText().isEmpty() || secret.asText().length() > ClientFields.MAX_SECRET_LENGTH) {
            problems.add(problem(path, "max_length", "must be 1 to " + ClientFields.MAX_SECRET_LENGTH + " characters"));
        }
    }

    /** Runs an API validation and files its violations under the object's path. */
    private static void validate(String path, List<InvalidParameter> problems, Runnable validation) {
        try {
            validation.run();
        } catch (ProblemException p) {
            p.invalidParameters().forEach(v -> problems.add(at(path, v)));
        }
    }

    static InvalidParameter at(String path, InvalidParameter v) {
        return new InvalidParameter(path + "." + v.field(), v.rule(), v.reason(), "body", v.minimum(), v.maximum(), v.choices());
    }

    private static InvalidParameter problem(String path, String rule, String reason) {
        return InvalidParameter.of("body", path, rule, reason);
    }
}
