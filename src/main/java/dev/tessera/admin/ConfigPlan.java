package dev.tessera.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tessera.audit.SecretRedaction;
import dev.tessera.declarative.SecretReferences;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * What {@code apply} would do to make the server match a checked document, matched by name:
 * create what the file has and the server lacks, update the fields that differ, and (only with
 * {@code prune}) delete what the server has and the file lacks. A field the file leaves out is
 * not managed: it keeps its value (a new object gets the API's default).
 */
final class ConfigPlan {
    enum Action { CREATE, UPDATE, DELETE }

    static final Map<String, String> TYPES = Map.of("scopes", ScopeService.TYPE, "claims", ClaimService.TYPE,
            "clients", ClientService.TYPE);

    /** One field's change; a secret's values are never shown. */
    record FieldChange(String field, JsonNode from, JsonNode to) {
    }

    /**
     * One change. {@code id} is the current object's (null for a create); {@code body} the API body
     * to send (all fields for a create, the changed ones for an update), scopes still by name.
     */
    record Step(Action action, String type, String path, String serverName, String name, String id,
                List<FieldChange> fields, ObjectNode body) {
    }

    /** Whether a secret value is one of a client's enabled secrets: (client's entry, value). */
    interface SecretCheck extends BiPredicate<ConfigState.Entry, String> {
    }

    private final List<Step> steps;
    private final int unmanaged;

    private ConfigPlan(List<Step> steps, int unmanaged) {
        this.steps = steps;
        this.unmanaged = unmanaged;
    }

    List<Step> steps() {
        return steps;
    }

    boolean isEmpty() {
        return steps.isEmpty();
    }

    static ConfigPlan of(ConfigDocument doc, List<ConfigState.ServerState> current, boolean prune, SecretCheck secrets) {
        Map<String, ConfigState.ServerState> byName = new TreeMap<>();
        current.forEach(s -> byName.put(s.entry().name(), s));
        List<Step> steps = new ArrayList<>();
        List<Step> serverDeletes = new ArrayList<>();
        int unmanaged = 0;
        Set<String> inFile = new HashSet<>();
        for (ConfigDocument.Server server : doc.servers()) {
            inFile.add(server.name());
            ConfigState.ServerState existing = byName.get(server.name());
            if (existing == null) {
                steps.add(create(AuthServerService.TYPE, server.path(), server.name(), server.name(), server.body()));
            } else {
                update(AuthServerService.TYPE, server.path(), server.name(), existing.entry(), server.body(), null)
                        .ifPresent(steps::add);
            }
            List<Step> deletes = new ArrayList<>();
            for (String kind : ConfigDocument.CHILDREN) {
                Map<String, ConfigState.Entry> have = existing == null ? Map.of() : existing.items(kind);
                Set<String> wanted = new HashSet<>();
                for (ConfigDocument.Item item : server.items(kind)) {
                    wanted.add(item.name());
                    ConfigState.Entry entry = have.get(item.name());
                    if (entry == null) {
                        steps.add(create(TYPES.get(kind), item.path(), server.name(), item.name(), item.body()));
                    } else {
                        update(TYPES.get(kind), item.path(), server.name(), entry, item.body(),
                                kind.equals("clients") ? secrets : null).ifPresent(steps::add);
                    }
                }
                for (ConfigState.Entry entry : have.values()) {
                    if (wanted.contains(entry.name())) {
                        continue;
                    }
                    if (prune) {
                        deletes.add(delete(TYPES.get(kind), server.path() + "." + kind, server.name(), entry));
                    } else {
                        unmanaged++;
                    }
                }
            }
            // Clients and claims go before the scopes they may name.
            for (int i = deletes.size() - 1; i >= 0; i--) {
                steps.add(deletes.get(i));
            }
        }
        for (ConfigState.ServerState s : current) {
            if (inFile.contains(s.entry().name())) {
                continue;
            }
            if (prune) {
                serverDeletes.add(delete(AuthServerService.TYPE, ConfigDocument.SERVERS, s.entry().name(), s.entry()));
            } else {
                unmanaged++;
            }
        }
        steps.addAll(serverDeletes);
        return new ConfigPlan(steps, unmanaged);
    }

    private static Step create(String type, String path, String serverName, String name, ObjectNode body) {
        ObjectNode fields = body.deepCopy();
        ConfigDocument.CHILDREN.forEach(fields::remove);
        List<FieldChange> changes = new ArrayList<>();
        fields.properties().forEach(f -> changes.add(new FieldChange(f.getKey(), null, shown(f.getKey(), f.getValue()))));
        changes.sort(java.util.Comparator.comparing(FieldChange::field));
        return new Step(Action.CREATE, type, path, serverName, name, null, changes, fields);
    }

    private static Step delete(String type, String path, String serverName, ConfigState.Entry entry) {
        return new Step(Action.DELETE, type, path, serverName, entry.name(), entry.id(), List.of(),
                JsonNodeFactory.instance.objectNode());
    }

    private static java.util.Optional<Step> update(String type, String path, String serverName, ConfigState.Entry current,
                                                   ObjectNode wanted, SecretCheck secrets) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        List<FieldChange> changes = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = wanted.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            String field = f.getKey();
            if (ConfigDocument.CHILDREN.contains(field) || field.equals("name")) {
                continue;
            }
            JsonNode to = f.getValue();
            if (field.equals(SecretReferences.FIELD)) {
                if (!to.isNull() && (secrets == null || !secrets.test(current, to.asText()))) {
                    patch.set(field, to);
                    changes.add(new FieldChange(field, redacted(), redacted()));
                }
                continue;
            }
            JsonNode from = current.fields().get(field);
            if (same(from, to)) {
                continue;
            }
            patch.set(field, field.equals("labels") ? labelPatch(from, to) : to);
            changes.add(new FieldChange(field, from, to));
        }
        if (changes.isEmpty()) {
            return java.util.Optional.empty();
        }
        changes.sort(java.util.Comparator.comparing(FieldChange::field));
        return java.util.Optional.of(new Step(Action.UPDATE, type, path, serverName, current.name(), current.id(), changes, patch));
    }

    /** PATCH merges labels: the wanted set, and null for each label to remove. */
    private static JsonNode labelPatch(JsonNode from, JsonNode to) {
        if (to == null || to.isNull() || !to.isObject()) {
            return to;
        }
        ObjectNode patch = ((ObjectNode) to).deepCopy();
        if (from != null && from.isObject()) {
            from.fieldNames().forEachRemaining(k -> {
                if (!to.has(k)) {
                    patch.putNull(k);
                }
            });
        }
        return patch;
    }

    /**
     * Equal as configuration: numbers by value, lists of plain values in any order, and null the
     * same as an empty string, list or object (how the API stores "nothing").
     */
    static boolean same(JsonNode a, JsonNode b) {
        if (ConfigState.isEmpty(a) || ConfigState.isEmpty(b)) {
            return ConfigState.isEmpty(a) && ConfigState.isEmpty(b);
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            List<String> x = new ArrayList<>();
            List<String> y = new ArrayList<>();
            a.forEach(v -> x.add(v.toString()));
            b.forEach(v -> y.add(v.toString()));
            x.sort(null);
            y.sort(null);
            return x.equals(y);
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!b.has(k) || !same(a.get(k), b.get(k))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static JsonNode shown(String field, JsonNode value) {
        return field.equals(SecretReferences.FIELD) ? redacted() : value;
    }

    private static JsonNode redacted() {
        return TextNode.valueOf(SecretRedaction.REDACTED);
    }

    /** The plan as the API answers it. */
    ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode list = out.putArray("changes");
        int[] counts = new int[Action.values().length];
        for (Step s : steps) {
            counts[s.action().ordinal()]++;
            ObjectNode c = list.addObject();
            c.put("action", s.action().name().toLowerCase(java.util.Locale.ROOT));
            c.put("resource_type", s.type());
            c.put("auth_server", s.serverName());
            c.put("name", s.name());
            c.put("path", s.path());
            if (s.id() != null) {
                c.put("id", s.id());
            }
            ArrayNode fields = c.putArray("fields");
            for (FieldChange f : s.fields()) {
                ObjectNode fc = fields.addObject();
                fc.put("field", f.field());
                if (s.action() == Action.UPDATE) {
                    fc.set("from", f.from() == null ? JsonNodeFactory.instance.nullNode() : f.from());
                }
                fc.set("to", f.to() == null ? JsonNodeFactory.instance.nullNode() : f.to());
            }
        }
        ObjectNode summary = out.putObject("summary");
        summary.put("create", counts[Action.CREATE.ordinal()]);
        summary.put("update", counts[Action.UPDATE.ordinal()]);
        summary.put("delete", counts[Action.DELETE.ordinal()]);
        summary.put("unmanaged", unmanaged);
        return out;
    }
}
