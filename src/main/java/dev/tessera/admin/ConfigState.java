package dev.tessera.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.authserver.AuthServer;
import dev.tessera.claim.Claim;
import dev.tessera.client.Client;
import dev.tessera.http.Json;
import dev.tessera.scope.Scope;
import dev.tessera.store.Page;
import dev.tessera.store.PageRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The server's configuration as a declarative document sees it: each auth server, scope, claim
 * and client by name, with the fields its API representation has that a request may set
 * (read-only fields such as ids and timestamps left out), and scope ids turned into names. This
 * is what {@code export} writes and what a plan compares the file with.
 */
final class ConfigState {
    /** One object: its id (for the changes) and its fields as a file holds them. */
    record Entry(String id, String name, ObjectNode fields) {
    }

    record ServerState(AuthServer server, Entry entry, Map<String, Map<String, Entry>> children) {
        Map<String, Entry> items(String kind) {
            return children.get(kind);
        }
    }

    private ConfigState() {
    }

    /** Every auth server with its scopes, claims and clients, ordered by name. */
    static List<ServerState> read(AdminContext admin) {
        AuthServerRoutes servers = new AuthServerRoutes(admin);
        List<AuthServer> all = new ArrayList<>();
        for (int number = 1; ; number++) {
            Page<AuthServer> page = admin.authServers().list(new PageRequest(number, 100, List.of(), List.of()));
            all.addAll(page.items());
            if (page.items().size() < 100) {
                break;
            }
        }
        all.sort(Comparator.comparing(AuthServer::name));
        List<ServerState> out = new ArrayList<>();
        for (AuthServer s : all) {
            List<Scope> scopes = admin.scopes().all(s.id());
            Map<UUID, String> scopeNames = new HashMap<>();
            scopes.forEach(sc -> scopeNames.put(sc.id(), sc.name()));
            Map<String, Map<String, Entry>> children = new LinkedHashMap<>();
            children.put("scopes", entries(scopes, sc -> new Entry(sc.id().toString(), sc.name(),
                    fields(ScopeRoutes.render(sc), ScopeFields.FIELDS))));
            children.put("claims", entries(admin.claims().all(s.id()), c -> new Entry(c.id().toString(), c.name(),
                    named(fields(ClaimRoutes.render(c), ClaimFields.FIELDS), "include_in_scopes", c.includeInScopes(), scopeNames))));
            children.put("clients", entries(admin.clients().all(s.id()), c -> new Entry(c.id(), c.name(),
                    named(fields(ClientRoutes.render(c, null), ClientFields.FIELDS), "allow_scopes", c.allowScopes(), scopeNames))));
            out.add(new ServerState(s, new Entry(s.id().toString(), s.name(), fields(servers.render(s), AuthServerFields.FIELDS)),
                    children));
        }
        return out;
    }

    /** The document {@code export} writes: apply it to an empty server to reproduce this configuration. */
    static ObjectNode export(List<ServerState> state) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("format_version", ConfigDocument.FORMAT_VERSION);
        ArrayNode servers = doc.putArray(ConfigDocument.SERVERS);
        for (ServerState s : state) {
            ObjectNode server = s.entry().fields().deepCopy();
            for (String kind : ConfigDocument.CHILDREN) {
                ArrayNode items = server.putArray(kind);
                s.items(kind).values().forEach(e -> items.add(e.fields().deepCopy()));
            }
            servers.add(server);
        }
        return doc;
    }

    private static <T> Map<String, Entry> entries(List<T> items, java.util.function.Function<T, Entry> entry) {
        Map<String, Entry> out = new java.util.TreeMap<>();
        items.forEach(i -> {
            Entry e = entry.apply(i);
            out.put(e.name(), e);
        });
        return out;
    }

    /** The writable fields of an API representation, in name order (so exports diff cleanly). */
    private static ObjectNode fields(Map<String, Object> rendered, Set<String> writable) {
        ObjectNode all = Json.MAPPER.valueToTree(rendered);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        all.properties().stream().map(Map.Entry::getKey).filter(writable::contains).sorted()
                .forEach(f -> out.set(f, sorted(all.get(f))));
        return out;
    }

    /** Objects (labels) with their keys in order, so two servers export the same text. */
    private static JsonNode sorted(JsonNode value) {
        if (!value.isObject()) {
            return value;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        value.properties().stream().map(Map.Entry::getKey).sorted().forEach(k -> out.set(k, sorted(value.get(k))));
        return out;
    }

    /** Scope ids become names; a file refers to scopes by name. */
    private static ObjectNode named(ObjectNode fields, String field, List<UUID> ids, Map<UUID, String> names) {
        if (fields.has(field)) {
            ArrayNode list = fields.putArray(field);
            ids.stream().map(names::get).filter(java.util.Objects::nonNull).sorted().forEach(list::add);
        }
        return fields;
    }

    /** Whether a JSON value is null or an empty string, list or object: all read as "nothing set". */
    static boolean isEmpty(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode() || (v.isTextual() && v.asText().isEmpty())
                || (v.isContainerNode() && v.isEmpty());
    }
}
