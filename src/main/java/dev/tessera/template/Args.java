package dev.tessera.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Typed access to function arguments. The rules follow Go's: a function that takes a string
 * refuses a number, one that takes an int refuses a string. The one leniency is that nil (a
 * missing label, say) reads as the empty string, as it would from Kong's string-typed labels.
 */
final class Args {

    private Args() {
    }

    static String string(Object[] args, int i) {
        Object v = args[i];
        if (v instanceof String s) {
            return s;
        }
        if (v == null) {
            return "";
        }
        throw wrongType(i, "a string", v);
    }

    static long integer(Object[] args, int i) {
        Object v = args[i];
        if (v instanceof Long n) {
            return n;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() <= 63) {
            return b.longValue();
        }
        if (v instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                // falls through to the error
            }
        }
        throw wrongType(i, "an integer", v);
    }

    /** An int argument that must lie in [min, max]. */
    static int integer(Object[] args, int i, int min, int max, String what) {
        long n = integer(args, i);
        if (n < min || n > max) {
            throw new EvalError(what + " " + n + " is out of range (" + min + " to " + max + ")");
        }
        return (int) n;
    }

    static boolean bool(Object[] args, int i) {
        if (args[i] instanceof Boolean b) {
            return b;
        }
        throw wrongType(i, "a boolean", args[i]);
    }

    static List<?> list(Object[] args, int i) {
        if (args[i] instanceof List<?> l) {
            return l;
        }
        throw wrongType(i, "a list", args[i]);
    }

    static Map<?, ?> map(Object[] args, int i) {
        if (args[i] instanceof Map<?, ?> m) {
            return m;
        }
        throw wrongType(i, "a map", args[i]);
    }

    /** A time: an Instant, Unix seconds as an integer, or RFC 3339 text. */
    static Instant time(Object[] args, int i) {
        Object v = args[i];
        if (v instanceof Instant t) {
            return t;
        }
        if (v instanceof Long || v instanceof Integer) {
            return Instant.ofEpochSecond(((Number) v).longValue());
        }
        if (v instanceof String s) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                throw new EvalError("argument " + (i + 1) + " is not an RFC 3339 time: " + Values.describe(v));
            }
        }
        throw wrongType(i, "a time", v);
    }

    static EvalError wrongType(int i, String expected, Object got) {
        return new EvalError("argument " + (i + 1) + " must be " + expected + ", got " + Values.describe(got));
    }
}
