package dev.tessera.keys;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Checks that a claims map holds only values with a faithful JSON form. Without this, the JSON
 * serialiser would reflectively dump arbitrary objects (an {@code Instant}, a domain object) into
 * a signed token, which is never what the caller meant.
 *
 * <p>Runs on every signature, so it allocates nothing unless it fails.
 */
final class ClaimValues {

    // Deep structures in claims are a bug, not a use case; the limit also stops cycles.
    private static final int MAX_DEPTH = 16;

    private ClaimValues() {
    }

    static void requireJsonCompatible(Map<String, Object> claims) {
        Objects.requireNonNull(claims, "claims");
        for (Map.Entry<String, Object> e : claims.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("claims contain a null name");
            }
            String problem = problem(e.getValue(), 0);
            if (problem != null) {
                throw new IllegalArgumentException("claim '" + e.getKey() + "' " + problem
                        + " (use String, Number, Boolean, null, List or Map)");
            }
        }
    }

    /** Returns a description of the first unsupported value inside {@code value}, or null. */
    private static String problem(Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return null;
        }
        if (value instanceof Number n) {
            boolean finite = !(n instanceof Double d && !Double.isFinite(d))
                    && !(n instanceof Float f && !Float.isFinite(f));
            return finite ? null : "holds a non-finite number";
        }
        if (depth >= MAX_DEPTH) {
            return "is nested deeper than " + MAX_DEPTH;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    return "holds a map with a non-string key";
                }
                String p = problem(e.getValue(), depth + 1);
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
        if (value instanceof Collection<?> list) {
            for (Object element : list) {
                String p = problem(element, depth + 1);
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
        return "holds unsupported type " + value.getClass().getName();
    }
}
