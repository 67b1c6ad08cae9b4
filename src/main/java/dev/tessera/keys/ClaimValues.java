package dev.tessera.keys;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Checks that a claims map holds only values with a faithful JSON form: values that come back
 * unchanged when {@link TokenVerifier} reads the signed token. Without this, the JSON serialiser
 * would reflectively dump arbitrary objects (an {@code Instant}, a domain object) into a signed
 * token, and a number such as {@code 1E+400} would make every token carrying it unreadable, so
 * introspection would call it inactive.
 *
 * <p>Runs on every signature, so it allocates nothing unless it fails.
 */
public final class ClaimValues {

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

    /**
     * Why this claim value would not come back unchanged from a signed token, or null when it
     * would. Used where claim values are saved and rendered, so that the signer never meets one.
     */
    public static String problem(Object value) {
        return problem(value, 0);
    }

    /** Returns a description of the first unsupported value inside {@code value}, or null. */
    private static String problem(Object value, int depth) {
        if (value == null || value instanceof Boolean) {
            return null;
        }
        if (value instanceof String s) {
            return wellFormed(s) ? null : "holds text with an unpaired surrogate (not valid Unicode)";
        }
        if (value instanceof Number n) {
            boolean finite = !(n instanceof Double d && !Double.isFinite(d))
                    && !(n instanceof Float f && !Float.isFinite(f));
            if (!finite) {
                return "holds a non-finite number";
            }
            if (n instanceof BigDecimal || n instanceof BigInteger) {
                return readBackExactly(n.toString()) ? null : "holds the number " + n + ", which does not fit a 64-bit"
                        + " integer or a double and would not read back from a token; quote it to keep it as text";
            }
            return null;
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

    /**
     * Whether a JSON number, as the signer writes it, is read back by the verifier's parser (a
     * long when it is one, else a double) with the same value. Large and precise numbers are
     * rare in claims, so the cost of parsing them here does not matter.
     */
    private static boolean readBackExactly(String number) {
        BigDecimal written = new BigDecimal(number);
        try {
            Long.parseLong(number);
            return true;
        } catch (NumberFormatException notALong) {
            double read = Double.parseDouble(number);
            return Double.isFinite(read) && new BigDecimal(Double.toString(read)).compareTo(written) == 0;
        }
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
