package dev.tessera.admin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a management route changes, read from its route template and the request path:
 * {@code /v1/auth-servers/{authServerId}/clients/{clientId}} is resource type {@code client}
 * with the id in {@code clientId}. A route that ends in an action after an id
 * ({@code .../clients/{clientId}/rotate}) names the resource before the action.
 *
 * @param id null for a create (the caller takes the id from the response) or a collection DELETE
 */
record AuditedResource(String type, String id, String authServerId) {
    private static final Map<String, String> TYPES = Map.of(
            "auth-servers", "auth_server",
            "scopes", "scope",
            "claims", "claim",
            "clients", "client",
            "secrets", "client_secret",
            "tokens", "token",
            "admin-tokens", "admin_token",
            "keys", "signing_key");

    static AuditedResource of(String template, String path) {
        List<String> names = segments(template);
        List<String> values = segments(path);
        Map<String, String> params = new HashMap<>();
        if (names.size() == values.size()) {
            for (int i = 0; i < names.size(); i++) {
                if (isParam(names.get(i))) {
                    params.put(paramName(names.get(i)), values.get(i));
                }
            }
        }
        int last = names.size() - 1;
        // An action (a verb, not a plural collection) after a resource (".../{clientId}/rotate",
        // ".../keys/rotate") is a change to that resource.
        if (last >= 2 && !isParam(names.get(last)) && !TYPES.containsKey(names.get(last)) && !names.get(last).endsWith("s")) {
            last--;
        }
        String id = null;
        if (last >= 1 && isParam(names.get(last))) {
            id = params.get(paramName(names.get(last)));
            last--;
        }
        String collection = names.isEmpty() ? "unknown" : names.get(Math.max(last, 0));
        return new AuditedResource(type(collection), id, params.get("authServerId"));
    }

    private static String type(String collection) {
        String known = TYPES.get(collection);
        if (known != null) {
            return known;
        }
        String name = collection.replace('-', '_');
        return name.endsWith("s") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
    }

    private static List<String> segments(String path) {
        return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean isParam(String segment) {
        return (segment.startsWith("{") && segment.endsWith("}")) || (segment.startsWith("<") && segment.endsWith(">"));
    }

    private static String paramName(String segment) {
        return segment.substring(1, segment.length() - 1);
    }
}
