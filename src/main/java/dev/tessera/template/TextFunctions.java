package dev.tessera.template;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Functions that turn values into text: quote, squote, cat, toString, print and printf (a subset
 * of Go's verbs). nil prints as the empty string everywhere (Go would print "&lt;nil&gt;").
 */
final class TextFunctions {

    private TextFunctions() {
    }

    static void register(Functions.Builder b) {
        b.define("quote", 0, FunctionSpec.VARIADIC, (a, ev) -> joinNonNull(a, (v, out) -> GoStrings.quote(Values.toText(v), out)));
        b.define("squote", 0, FunctionSpec.VARIADIC,
                (a, ev) -> joinNonNull(a, (v, out) -> out.append('\'').append(Values.toText(v)).append('\'')));
        b.define("cat", 0, FunctionSpec.VARIADIC, (a, ev) -> joinNonNull(a, Values::appendText));
        b.define("toString", 1, (a, ev) -> Values.toText(a[0]));
        b.define("print", 0, FunctionSpec.VARIADIC, (a, ev) -> {
            BoundedText out = BoundedText.create(16);
            for (int i = 0; i < a.length; i++) {
                // fmt.Sprint puts a space between operands when neither is a string
                if (i > 0 && !(a[i - 1] instanceof String) && !(a[i] instanceof String)) {
                    out.append(' ');
                }
                Values.appendText(a[i], out);
            }
            return out.toString();
        });
        b.define("printf", 1, FunctionSpec.VARIADIC, (a, ev) -> printf(a));
    }

    /** Writes each non-nil argument, separated by single spaces (Sprig's quote, squote and cat). */
    private static String joinNonNull(Object[] args, java.util.function.BiConsumer<Object, BoundedText> write) {
        BoundedText out = BoundedText.create(16);
        boolean first = true;
        for (Object v : args) {
            if (v != null) {
                if (!first) {
                    out.append(' ');
                }
                first = false;
                write.accept(v, out);
            }
        }
        return out.toString();
    }

    /** Go's fmt.Sprintf for the verbs %s %v %d %q %t %f %x %X and %%, with an optional precision for %f. */
    private static String printf(Object[] a) {
        String format = Args.string(a, 0);
        BoundedText out = BoundedText.create(format.length() + 16);
        int next = 1;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int precision = -1;
            if (i + 1 < format.length() && format.charAt(i + 1) == '.') {
                int j = i + 2;
                precision = 0;
                while (j < format.length() && Character.isDigit(format.charAt(j)) && precision < 100) {
                    precision = precision * 10 + (format.charAt(j++) - '0');
                }
                i = j - 1;
            }
            if (i + 1 >= format.length()) {
                throw new EvalError("format ends with an incomplete verb");
            }
            char verb = format.charAt(++i);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (next >= a.length) {
                throw new EvalError("missing argument for %" + verb);
            }
            Object v = a[next++];
            switch (verb) {
                case 's', 'v' -> Values.appendText(v, out);
                case 'q' -> GoStrings.quote(Values.toText(v), out);
                case 'd' -> out.append(Args.integer(a, next - 1));
                case 't' -> out.append(Args.bool(a, next - 1) ? "true" : "false");
                case 'f' -> out.append(fixed(a, next - 1, precision < 0 ? 6 : precision));
                case 'x', 'X' -> {
                    String hex = hex(v, next - 1);
                    out.append(verb == 'X' ? hex.toUpperCase(java.util.Locale.ROOT) : hex);
                }
                default -> throw new EvalError("unsupported verb %" + verb
                        + " (supported: %s %v %d %q %t %f %x %X %%)");
            }
        }
        if (next < a.length) {
            throw new EvalError((a.length - next) + " argument(s) left over for the format");
        }
        return out.toString();
    }

    private static String fixed(Object[] a, int i, int precision) {
        Object v = a[i];
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                return GoNumbers.formatG(d);
            }
            return new BigDecimal(d).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        }
        if (v instanceof Long || v instanceof Integer) {
            return BigDecimal.valueOf(((Number) v).longValue()).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        }
        throw Args.wrongType(i, "a number", v);
    }

    private static String hex(Object v, int i) {
        if (v instanceof String s) {
            return java.util.HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
        }
        if (v instanceof Long n) {
            return n < 0 ? "-" + Long.toHexString(-n) : Long.toHexString(n);
        }
        throw Args.wrongType(i, "a string or an integer", v);
    }
}
