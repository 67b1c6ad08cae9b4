package dev.tessera.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.http.InvalidParameter;
import dev.tessera.http.ProblemException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads and validates the fields of one JSON request body, collecting every violation so a
 * client learns all its mistakes at once. Each getter returns empty when the field is absent
 * or invalid (the violation is recorded); {@link #done()} throws the 400 if any were found.
 */
final class Fields {
    static final int MAX_LABELS = 50;
    static final List<String> RESERVED_LABEL_PREFIXES = List.of("kong", "konnect", "mesh", "kic", "_");
    private static final Pattern LABEL_VALUE = Pattern.compile("^[a-zA-Z0-9]([a-zA-Z0-9-._]*[a-zA-Z0-9])?$");

    private final ObjectNode body;
    private final List<InvalidParameter> violations = new ArrayList<>();
    private final Set<String> reported = new java.util.HashSet<>();

    /**
     * @param allowed  fields the request may set
     * @param readOnly fields a client may echo back from a response; they are ignored
     */
    Fields(ObjectNode body, Set<String> allowed, Set<String> readOnly) {
        this.body = body;
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name) && !readOnly.contains(name)) {
                add(InvalidParameter.of("body", name, "unknown_property", "is not a known property"));
            }
        }
    }

    boolean has(String field) {
        return body.has(field);
    }

    boolean isNull(String field) {
        return body.has(field) && body.get(field).isNull();
    }

    void add(InvalidParameter p) {
        violations.add(p);
    }

    void invalid(String field, String rule, String reason) {
        add(InvalidParameter.of("body", field, rule, reason));
    }

    void required(String field) {
        if (!body.has(field) || body.get(field).isNull()) {
            invalid(field, "required", "is required");
            reported.add(field);
        }
    }

    /** The field's JSON value, or null when absent or already reported as missing. */
    private JsonNode node(String field) {
        return reported.contains(field) ? null : body.get(field);
    }

    Optional<String> string(String field, int minLength, int maxLength) {
        JsonNode n = node(field);
        if (n == null) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            invalid(field, "is_string", "must be a string");
            return Optional.empty();
        }
        return checkLength(field, n.textValue(), minLength, maxLength);
    }

    /** A JSON object field that may also be null; anything else is an {@code is_object} violation. */
    Optional<Nullable<JsonNode>> nullableObject(String field) {
        JsonNode n = node(field);
        if (n == null) {
            return Optional.empty();
        }
        if (n.isNull()) {
            return Optional.of(new Nullable<>(null));
        }
        if (!n.isObject()) {
            invalid(field, "is_object", "must be an object");
            return Optional.empty();
        }
        return Optional.of(new Nullable<>(n));
    }

    /** A string field that may also be null (returns Optional.of(null) wrapped in a holder). */
    Optional<Nullable<String>> nullableString(String field, int minLength, int maxLength) {
        if (isNull(field)) {
            return Optional.of(new Nullable<>(null));
        }
        return string(field, minLength, maxLength).map(Nullable::new);
    }

    private Optional<String> checkLength(String field, String v, int minLength, int maxLength) {
        int length = v.codePointCount(0, v.length());
        if (length < minLength) {
            add(InvalidParameter.min("body", field, "min_length", minLength,
                    minLength == 1 ? "must not be empty" : "must have at least " + minLength + " characters"));
            return Optional.empty();
        }
        if (length > maxLength) {
            add(InvalidParameter.max("body", field, "max_length", maxLength,
                    "must not have more than " + maxLength + " characters"));
            return Optional.empty();
        }
        if (v.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
            invalid(field, "invalid", "must not contain control characters");
            return Optional.empty();
        }
        return Optional.of(v);
    }

    Optional<Boolean> bool(String field) {
        JsonNode n = node(field);
        if (n == null) {
            return Optional.empty();
        }
        if (!n.isBoolean()) {
            invalid(field, "is_boolean", "must be a boolean");
            return Optional.empty();
        }
        return Optional.of(n.booleanValue());
    }

    Optional<Integer> integer(String field, int min, int max) {
        JsonNode n = node(field);
        if (n == null) {
            return Optional.empty();
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            invalid(field, "is_integer", "must be an integer");
            return Optional.empty();
        }
        long v = n.longValue();
        if (v < min) {
            add(InvalidParameter.min("body", field, "min", min, "must be at least " + min));
            return Optional.empty();
        }
        if (v > max) {
            add(InvalidParameter.max("body", field, "max", max, "must be at most " + max));
            return Optional.empty();
        }
        return Optional.of((int) v);
    }

    <T> Optional<T> oneOf(String field, List<String> choices, Function<String, T> convert) {
        return string(field, 0, 256).flatMap(v -> {
            if (!choices.contains(v)) {
                add(InvalidParameter.choice("body", field, choices));
                return Optional.empty();
            }
            return Optional.of(convert.apply(v));
        });
    }

    /**
     * An array of distinct strings; each element passes {@code element} (which returns an
     * error reason or null). Duplicates are refused.
     */
    Optional<List<String>> stringArray(String field, int minItems, int maxItems, int maxLength,
                                       Function<String, String> element) {
        JsonNode n = node(field);
        if (n == null) {
            return Optional.empty();
        }
        if (!n.isArray()) {
            invalid(field, "is_array", "must be an array");
            return Optional.empty();
        }
        if (n.size() < minItems) {
            add(InvalidParameter.min("body", field, "min_items", minItems, "must have at least " + minItems + " item(s)"));
            return Optional.empty();
        }
        if (n.size() > maxItems) {
            add(InvalidParameter.max("body", field, "max_items", maxItems, "must not have more than " + maxItems + " items"));
            return Optional.empty();
        }
        Set<String> values = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < n.size(); i++) {
            String item = field + "[" + i + "]";
            JsonNode e = n.get(i);
            if (!e.isTextual()) {
                invalid(item, "is_string", "must be a string");
                ok = false;
                continue;
            }
            Optional<String> v = checkLength(item, e.textValue(), 1, maxLength);
            if (v.isEmpty()) {
                ok = false;
                continue;
            }
            String reason = element.apply(v.get());
            if (reason != null) {
                invalid(item, "invalid", reason);
                ok = false;
            } else if (!values.add(v.get())) {
                // Kong's rule list has no "unique"; a repeated item is an invalid one.
                invalid(item, "invalid", "is a duplicate");
                ok = false;
            }
        }
        return ok ? Optional.of(List.copyOf(values)) : Optional.empty();
    }

    /** An array of enum values. */
    Optional<List<String>> enumArray(String field, List<String> choices, int minItems) {
        Optional<List<String>> values = stringArray(field, minItems, choices.size(), 64, v -> null);
        if (values.isEmpty()) {
            return values;
        }
        for (String v : values.get()) {
            if (!choices.contains(v)) {
                add(InvalidParameter.choice("body", field, choices));
                return Optional.empty();
            }
        }
        return values;
    }

    /** An array of UUIDs, e.g. scope ids. */
    Optional<List<UUID>> uuidArray(String field, int maxItems) {
        return stringArray(field, 0, maxItems, 36, v -> parseUuid(v) == null ? "must be a UUID" : null)
                .map(list -> list.stream().map(Fields::parseUuid).toList());
    }

    /** Labels on create or PUT: a complete map. */
    Optional<Map<String, String>> labels(String field) {
        return labelUpdates(field, false).map(updates -> {
            Map<String, String> out = new TreeMap<>();
            updates.forEach((k, v) -> out.put(k, v.value()));
            return out;
        });
    }

    /** Labels on PATCH: a value of null removes that label. */
    Optional<Map<String, Nullable<String>>> labelUpdates(String field, boolean allowNullValues) {
        JsonNode n = node(field);
        if (n == null || (n.isNull() && allowNullValues)) {
            return Optional.empty();
        }
        if (n.isNull()) {
            return Optional.of(Map.of());
        }
        if (!n.isObject()) {
            invalid(field, "is_object", "must be an object of string labels");
            return Optional.empty();
        }
        if (n.size() > MAX_LABELS) {
            add(InvalidParameter.max("body", field, "max_items", MAX_LABELS, "must not have more than " + MAX_LABELS + " labels"));
            return Optional.empty();
        }
        Map<String, Nullable<String>> out = new TreeMap<>();
        boolean ok = true;
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            String key = e.getKey();
            String item = field + "." + key;
            if (key.isEmpty() || key.length() > 63 || key.contains(":")
                    || key.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
                invalid(item, "is_label", "label keys must be 1 to 63 characters without spaces or ':'");
                ok = false;
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isNull() && allowNullValues) {
                // Removal stays possible for a reserved key stored before the prefixes were refused.
                out.put(key, new Nullable<>(null));
                continue;
            }
            if (hasReservedPrefix(key)) {
                invalid(item, "is_label", "label keys must not start with " + String.join(", ", RESERVED_LABEL_PREFIXES));
                ok = false;
                continue;
            }
            if (!v.isTextual() || v.textValue().length() > 63 || !LABEL_VALUE.matcher(v.textValue()).matches()) {
                invalid(item, "is_label", "label values must be 1 to 63 letters, digits, '-', '_' or '.', "
                        + "starting and ending with a letter or digit");
                ok = false;
                continue;
            }
            out.put(key, new Nullable<>(v.textValue()));
        }
        return ok ? Optional.of(out) : Optional.empty();
    }

    /** Kong reserves these key prefixes for its own labels; compared without regard to case. */
    static boolean hasReservedPrefix(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return RESERVED_LABEL_PREFIXES.stream().anyMatch(lower::startsWith);
    }

    boolean hasViolations() {
        return !violations.isEmpty();
    }

    /** Throws the collected violations as one 400 problem. */
    void done() {
        if (!violations.isEmpty()) {
            InvalidParameter first = violations.getFirst();
            String detail = violations.size() == 1
                    ? "Invalid request: " + first.field() + " " + first.reason()
                    : "Invalid request: " + violations.size() + " invalid parameters";
            throw ProblemException.badRequest(detail, violations);
        }
    }

    static UUID parseUuid(String v) {
        if (v == null || v.length() != 36) {
            return null;
        }
        try {
            UUID u = UUID.fromString(v);
            return u.toString().equalsIgnoreCase(v) ? u : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A value that may be an explicit JSON null. */
    record Nullable<T>(T value) {
    }
}
