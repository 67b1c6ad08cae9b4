package dev.tessera.template;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Integer math on int64 as Sprig does it (add, add1, sub, mul, div, mod, max, biggest, min) and
 * the conversions int, int64, float64, atoi. Arguments are converted like Sprig's
 * {@code toInt64}: integers as they are, floats truncated, booleans 1/0, nil 0, numeric strings
 * parsed; unlike Sprig, a string that is not a number is an error rather than a silent 0.
 * Overflow wraps around, as int64 does in Go.
 */
final class MathFunctions {

    private MathFunctions() {
    }

    static void register(Functions.Builder b) {
        b.define("add", 0, FunctionSpec.VARIADIC, (a, ev) -> {
            long sum = 0;
            for (int i = 0; i < a.length; i++) {
                sum += toInt64(a, i);
            }
            return sum;
        });
        b.define("add1", 1, (a, ev) -> toInt64(a, 0) + 1);
        b.define("sub", 2, (a, ev) -> toInt64(a, 0) - toInt64(a, 1));
        b.define("mul", 1, FunctionSpec.VARIADIC, (a, ev) -> {
            long product = toInt64(a, 0);
            for (int i = 1; i < a.length; i++) {
                product *= toInt64(a, i);
            }
            return product;
        });
        b.define("div", 2, (a, ev) -> toInt64(a, 0) / divisor(a));
        b.define("mod", 2, (a, ev) -> toInt64(a, 0) % divisor(a));
        b.define("max", 1, FunctionSpec.VARIADIC, (a, ev) -> {
            long max = toInt64(a, 0);
            for (int i = 1; i < a.length; i++) {
                max = Math.max(max, toInt64(a, i));
            }
            return max;
        });
        b.alias("biggest", "max");
        b.define("min", 1, FunctionSpec.VARIADIC, (a, ev) -> {
            long min = toInt64(a, 0);
            for (int i = 1; i < a.length; i++) {
                min = Math.min(min, toInt64(a, i));
            }
            return min;
        });
        b.define("int", 1, (a, ev) -> toInt64(a, 0));
        b.alias("int64", "int");
        b.define("float64", 1, (a, ev) -> toFloat64(a, 0));
        b.define("atoi", 1, (a, ev) -> {
            String s = Args.string(a, 0);
            BigInteger v = isDecimalInteger(s) ? new BigInteger(s) : null;
            if (v == null || v.bitLength() > 63) {
                throw new EvalError("cannot convert " + Values.describe(s) + " to an integer");
            }
            return v.longValue();
        });
    }

    /** strconv.Atoi's syntax: optional sign and decimal digits only. */
    private static boolean isDecimalInteger(String s) {
        int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        if (start == s.length()) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static long divisor(Object[] a) {
        long d = toInt64(a, 1);
        if (d == 0) {
            throw new EvalError("division by zero");
        }
        return d;
    }

    /** Sprig's toInt64 (via spf13/cast), strict about text that is not a number. */
    static long toInt64(Object[] a, int i) {
        Object v = a[i];
        return switch (v) {
            case null -> 0;
            case Long n -> n;
            case Integer n -> n;
            case Short n -> n;
            case Byte n -> n;
            case Double d -> (long) d.doubleValue();
            case Float f -> (long) f.floatValue();
            case BigInteger n -> n.longValue();
            case BigDecimal n -> n.longValue();
            case Boolean bool -> bool ? 1 : 0;
            case String s -> parseInt64(s);
            default -> throw Args.wrongType(i, "a number", v);
        };
    }

    private static long parseInt64(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        BigInteger v = GoNumbers.parseBigInteger(trimZeroDecimal(s));
        if (v == null || v.bitLength() > 63) {
            throw new EvalError("cannot convert " + Values.describe(s) + " to an integer");
        }
        return v.longValue();
    }

    /** cast's trimZeroDecimal: "42.000" reads as "42". */
    private static String trimZeroDecimal(String s) {
        boolean zero = false;
        for (int i = s.length(); i > 0; i--) {
            char c = s.charAt(i - 1);
            if (c == '.') {
                return zero ? s.substring(0, i - 1) : s;
            } else if (c == '0') {
                zero = true;
            } else {
                return s;
            }
        }
        return s;
    }

    static double toFloat64(Object[] a, int i) {
        Object v = a[i];
        return switch (v) {
            case null -> 0;
            case Double d -> d;
            case Number n -> n.doubleValue();
            case Boolean bool -> bool ? 1 : 0;
            case String s -> {
                if (s.isEmpty()) {
                    yield 0;
                }
                Double d = GoNumbers.parseDecimalFloat(s.replace("_", ""));
                if (d == null) {
                    throw new EvalError("cannot convert " + Values.describe(s) + " to a float");
                }
                yield d;
            }
            default -> throw Args.wrongType(i, "a number", v);
        };
    }
}
