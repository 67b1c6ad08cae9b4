package dev.tessera.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;

/**
 * Replaces the value of every field whose name looks like a secret ({@code client_secret},
 * {@code secret}, {@code password}, {@code private_key}, {@code refresh_token}, an imported key's
 * {@code jwk} or {@code pem}, ...), at any
 * depth, so audit events and their log lines never carry one. Names that merely mention a
 * token ({@code access_token_duration}, {@code token_endpoint_auth_method}) are kept.
 */
public final class SecretRedaction {
    public static final String REDACTED = "[REDACTED]";
    private static final String[] SECRET_WORDS = {"secret", "password", "passphrase", "private", "credential", "apikey", "api_key"};

    private SecretRedaction() {
    }

    public static ObjectNode redact(ObjectNode body) {
        return (ObjectNode) copy(body);
    }

    static boolean isSecretName(String field) {
        String name = field.toLowerCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (name.contains(word)) {
                return true;
            }
        }
        // An imported signing key ({"jwk": {...}} or {"pem": "..."}) carries its private part.
        return name.equals("token") || name.endsWith("_token") || name.endsWith("-token")
                || name.equals("jwk") || name.equals("pem");
    }

    private static JsonNode copy(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                boolean hide = isSecretName(field.getKey()) && !field.getValue().isNull();
                out.set(field.getKey(), hide ? JsonNodeFactory.instance.textNode(REDACTED) : copy(field.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> out.add(copy(element)));
            return out;
        }
        return node.deepCopy();
    }
}
