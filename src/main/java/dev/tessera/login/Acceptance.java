package dev.tessera.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The login application's acceptance of a login request, read strictly from its JSON body:
 * {@code {"subject", "scopes": [...], "claims": {...}, "auth_time", "acr", "amr": [...]}}.
 *
 * @param scopes null when the body names none: then every requested scope is granted
 */
public record Acceptance(String subject, List<String> scopes, Map<String, Object> claims, Long authTime, String acr,
                         List<String> amr) {
    static final Set<String> FIELDS = Set.of("subject", "scopes", "claims", "auth_time", "acr", "amr");
    static final int MAX_CLAIMS = 50;
    static final int MAX_CLAIMS_JSON = 8 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static Acceptance from(ObjectNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw LoginException.invalid(name, "is not a known field (subject, scopes, claims, auth_time, acr, amr)");
            }
        }
        String subject = text(body, "subject", true, 255);
        List<String> scopes = body.hasNonNull("scopes") ? texts(body, "scopes", 100) : null;
        Map<String, Object> claims = new LinkedHashMap<>();
        JsonNode c = body.get("claims");
        if (c != null && !c.isNull()) {
            if (!c.isObject()) {
                throw LoginException.invalid("claims", "must be an object");
            }
            if (c.size() > MAX_CLAIMS) {
                throw LoginException.invalid("claims", "may have at most " + MAX_CLAIMS + " members");
            }
            if (c.toString().length() > MAX_CLAIMS_JSON) {
                throw LoginException.invalid("claims", "must be at most " + MAX_CLAIMS_JSON + " characters of JSON");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
                var e = it.next();
                if (dev.tessera.token.IdTokenIssuer.RESERVED.contains(e.getKey())) {
                    throw LoginException.invalid("claims." + e.getKey(), "is a registered claim Tessera sets itself");
                }
                claims.put(e.getKey(), MAPPER.convertValue(e.getValue(), Object.class));
            }
        }
        Long authTime = null;
        JsonNode at = body.get("auth_time");
        if (at != null && !at.isNull()) {
            if (!at.canConvertToLong() || !at.isIntegralNumber() || at.asLong() < 0) {
                throw LoginException.invalid("auth_time", "must be a non-negative integer (seconds since the epoch)");
            }
            authTime = at.asLong();
            if (authTime > System.currentTimeMillis() / 1000 + 60) {
                throw LoginException.invalid("auth_time", "must not be in the future");
            }
        }
        String acr = text(body, "acr", false, 255);
        List<String> amr = body.hasNonNull("amr") ? texts(body, "amr", 10) : List.of();
        return new Acceptance(subject, scopes, claims, authTime, acr, amr);
    }

    private static String text(ObjectNode body, String field, boolean required, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw LoginException.invalid(field, "is required");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isEmpty() || v.asText().length() > max) {
            throw LoginException.invalid(field, "must be a string of 1 to " + max + " characters");
        }
        return v.asText();
    }

    private static List<String> texts(ObjectNode body, String field, int maxItems) {
        JsonNode v = body.get(field);
        if (!v.isArray() || v.size() > maxItems) {
            throw LoginException.invalid(field, "must be an array of at most " + maxItems + " strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual() || item.asText().isEmpty() || item.asText().length() > 255) {
                throw LoginException.invalid(field, "must contain strings of 1 to 255 characters");
            }
            out.add(item.asText());
        }
        return out;
    }
}
