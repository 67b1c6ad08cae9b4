package dev.tessera.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry of a 400 problem's {@code invalid_parameters}: which field broke which rule.
 * {@code minimum}, {@code maximum} and {@code choices} appear only for the rules that use them.
 */
public record InvalidParameter(String field, String rule, String reason, String source,
                               Long minimum, Long maximum, List<String> choices) {

    /**
     * The rule names Kong Identity's API description allows (its {@code invalid_parameters}
     * item schemas). Clients of Kong's API switch on them, so no other name may be emitted.
     */
    public static final Set<String> KONG_RULES = Set.of(
            "required", "is_array", "is_base64", "is_boolean", "is_date_time", "is_integer", "is_null", "is_number",
            "is_object", "is_string", "is_uuid", "is_fqdn", "is_arn", "unknown_property", "missing_reference",
            "is_label", "matches_regex", "invalid", "type",
            "min_length", "min_digits", "min_lowercase", "min_uppercase", "min_symbols", "min_items", "min",
            "max_length", "max_items", "max",
            "enum", "dependent_fields");

    public InvalidParameter {
        if (!KONG_RULES.contains(rule)) {
            throw new IllegalArgumentException("rule '" + rule + "' is not one of Kong's invalid-parameter rules");
        }
    }

    public static InvalidParameter of(String source, String field, String rule, String reason) {
        return new InvalidParameter(field, rule, reason, source, null, null, null);
    }

    public static InvalidParameter min(String source, String field, String rule, long minimum, String reason) {
        return new InvalidParameter(field, rule, reason, source, minimum, null, null);
    }

    public static InvalidParameter max(String source, String field, String rule, long maximum, String reason) {
        return new InvalidParameter(field, rule, reason, source, null, maximum, null);
    }

    public static InvalidParameter choice(String source, String field, List<String> choices) {
        return new InvalidParameter(field, "enum", "must be one of: " + String.join(", ", choices), source,
                null, null, choices);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("field", field);
        out.put("rule", rule);
        out.put("reason", reason);
        out.put("source", source);
        if (minimum != null) {
            out.put("minimum", minimum);
        }
        if (maximum != null) {
            out.put("maximum", maximum);
        }
        if (choices != null) {
            out.put("choices", choices);
        }
        return out;
    }
}
