package dev.tessera.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

/**
 * Defaults and logic: Sprig's default, empty, coalesce and ternary, and Go's built-in
 * comparisons (eq, ne, lt, le, gt, ge) and and/or/not. "Empty" follows Sprig: nil, false, 0, "",
 * and empty lists and maps.
 */
final class LogicFunctions {

    private LogicFunctions() {
    }

    static void register(Functions.Builder b) {
        b.define("default", 1, 2, (a, ev) -> a.length < 2 || Values.isEmpty(a[1]) ? a[0] : a[1]);
        b.define("empty", 1, (a, ev) -> Values.isEmpty(a[0]));
        b.define("coalesce", 0, FunctionSpec.VARIADIC, (a, ev) -> {
            for (Object v : a) {
                if (!Values.isEmpty(v)) {
                    return v;
                }
            }
            return null;
        });
        b.define("ternary", 3, (a, ev) -> Args.bool(a, 2) ? a[0] : a[1]);
        b.define("eq", 2, FunctionSpec.VARIADIC, (a, ev) -> {
            for (int i = 1; i < a.length; i++) {
                if (equal(a[0], a[i])) {
                    return true;
                }
            }
            return false;
        });
        b.define("ne", 2, (a, ev) -> !equal(a[0], a[1]));
        b.define("lt", 2, (a, ev) -> compare(a[0], a[1]) < 0);
        b.define("le", 2, (a, ev) -> compare(a[0], a[1]) <= 0);
        b.define("gt", 2, (a, ev) -> compare(a[0], a[1]) > 0);
        b.define("ge", 2, (a, ev) -> compare(a[0], a[1]) >= 0);
        // Go's and/or return an argument, not a boolean: the first empty one, or the last one
        b.define("and", 1, FunctionSpec.VARIADIC, (a, ev) -> {
            for (Object v : a) {
                if (Values.isEmpty(v)) {
                    return v;
                }
            }
            return a[a.length - 1];
        });
        b.define("or", 1, FunctionSpec.VARIADIC, (a, ev) -> {
            for (Object v : a) {
                if (!Values.isEmpty(v)) {
                    return v;
                }
            }
            return a[a.length - 1];
        });
        b.define("not", 1, (a, ev) -> Values.isEmpty(a[0]));
    }

    private static boolean equal(Object x, Object y) {
        if (x == null || y == null) {
            return x == y;
        }
        if (x instanceof Number && y instanceof Number) {
            return compareNumbers((Number) x, (Number) y) == 0;
        }
        if ((x instanceof String && y instanceof String) || (x instanceof Boolean && y instanceof Boolean)
                || (x instanceof Instant && y instanceof Instant)) {
            return x.equals(y);
        }
        throw incompatible(x, y);
    }

    private static int compare(Object x, Object y) {
        if (x instanceof Number n && y instanceof Number m) {
            return compareNumbers(n, m);
        }
        if (x instanceof String s && y instanceof String t) {
            return s.compareTo(t);
        }
        throw incompatible(x, y);
    }

    private static int compareNumbers(Number x, Number y) {
        if (isIntegral(x) && isIntegral(y)) {
            return Long.compare(x.longValue(), y.longValue());
        }
        if (x instanceof BigDecimal || y instanceof BigDecimal || x instanceof BigInteger || y instanceof BigInteger) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        double a = x.doubleValue();
        double b = y.doubleValue();
        return a == b ? 0 : Double.compare(a, b);
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    private static EvalError incompatible(Object x, Object y) {
        return new EvalError("cannot compare " + Values.describe(x) + " with " + Values.describe(y));
    }
}
