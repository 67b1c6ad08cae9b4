package dev.tessera.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value model of the language: truthiness, printing as text, and conversion to a JSON-ready
 * claim value. Values are null, String, Long, Double, Boolean, Instant, List and Map (plus other
 * Number types a caller may put in the context).
 */
final class Values {

    private Values() {
    }

    /** Sprig's {@code empty}: nil, false, 0, "", and empty lists and maps are empty; a time never is. */
    static boolean isEmpty(Object v) {
        return switch (v) {
            case null -> true;
            case String s -> s.isEmpty();
            case Boolean b -> !b;
            case Long n -> n == 0;
            case Double d -> d == 0;
            case BigDecimal d -> d.signum() == 0;
            case BigInteger i -> i.signum() == 0;
            case Number n -> n.doubleValue() == 0;
            case List<?> l -> l.isEmpty();
            case Map<?, ?> m -> m.isEmpty();
            default -> false;
        };
    }

    /** Go's {@code fmt.Sprint}-like text of a value; nil is "" and lists and maps print as JSON. */
    static String toText(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v == null) {
            return "";
        }
        if (v instanceof Long n) {
            return n.toString();
        }
        BoundedText out = BoundedText.create(32);
        appendText(v, out);
        return out.toString();
    }

    /** Appends the text of a value, as used between literal text and by string conversions. */
    static void appendText(Object v, BoundedText out) {
        switch (v) {
            case null -> { }
            case String s -> out.append(s);
            case Long n -> out.append(n);
            case Double d -> out.append(GoNumbers.formatG(d));
            case Float f -> out.append(GoNumbers.formatG(f));
            case Boolean b -> out.append(b ? "true" : "false");
            case BigDecimal d -> out.append(d.toPlainString());
            case Number n -> out.append(n.longValue());
            case Instant t -> GoTimeFormat.RFC3339_NANO.format(t, ZoneOffset.UTC, out);
            case List<?> l -> JsonWriter.write(l, out, false, false);
            case Map<?, ?> m -> JsonWriter.write(m, out, false, false);
            default -> throw new EvalError("cannot print a value of type " + v.getClass().getSimpleName());
        }
    }

    /**
     * Rule 2 of the claim typing: the value of a template that is exactly one expression, as a
     * JSON-ready Java value. A string is hydrated when it holds a JSON object, array, number or
     * boolean; a time becomes its RFC 3339 text; lists and maps are copied.
     */
    static Object toClaimValue(Object v) {
        if (v instanceof String s) {
            return JsonReader.hydrate(s);
        }
        Object converted = toJsonReady(v, 0);
        if (converted instanceof List<?> || converted instanceof Map<?, ?>) {
            try {
                JsonWriter.write(converted, BoundedText.counter(), false, false);
            } catch (EvalError e) {
                throw new EvalError("claim value is larger than " + Limits.MAX_OUTPUT + " characters as JSON");
            }
        }
        return converted;
    }

    private static Object toJsonReady(Object v, int depth) {
        if (depth > Limits.MAX_JSON_DEPTH) {
            throw new EvalError("claim value nested more than " + Limits.MAX_JSON_DEPTH + " levels deep");
        }
        return switch (v) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Long n -> n;
            case Double d -> finite(d);
            case Float f -> finite(f.doubleValue());
            case Integer n -> n.longValue();
            case Short n -> n.longValue();
            case Byte n -> n.longValue();
            case BigInteger i -> new BigDecimal(i);
            case BigDecimal d -> d;
            case Instant t -> GoTimeFormat.RFC3339_NANO.format(t, ZoneOffset.UTC);
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                for (Object e : l) {
                    out.add(toJsonReady(e, depth + 1));
                }
                yield out;
            }
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>(Math.max(4, m.size() * 2));
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.put(String.valueOf(e.getKey()), toJsonReady(e.getValue(), depth + 1));
                }
                yield out;
            }
            default -> throw new EvalError("a value of type " + v.getClass().getSimpleName() + " cannot be a claim");
        };
    }

    private static Double finite(double d) {
        if (!Double.isFinite(d)) {
            throw new EvalError("the number " + GoNumbers.formatG(d) + " cannot be a claim");
        }
        return d;
    }

    /** Short description of a value for error messages: {@code string "abc"}, {@code integer 5}, {@code list}. */
    static String describe(Object v) {
        return switch (v) {
            case null -> "nil";
            case String s -> "string \"" + (s.length() > 24 ? s.substring(0, 24) + "..." : s) + "\"";
            case Boolean b -> "boolean " + b;
            case Long n -> "integer " + n;
            case Integer n -> "integer " + n;
            case Double d -> "float " + GoNumbers.formatG(d);
            case Number n -> "number " + n;
            case Instant t -> "time " + GoTimeFormat.RFC3339_NANO.format(t, ZoneOffset.UTC);
            case List<?> l -> "list of " + l.size();
            case Map<?, ?> m -> "map of " + m.size();
            default -> v.getClass().getSimpleName();
        };
    }
}
