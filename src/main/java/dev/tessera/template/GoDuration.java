package dev.tessera.template;

/**
 * Go's {@code time.ParseDuration}: a signed sequence of decimal numbers with units, such as
 * "300ms", "-1.5h" or "2h45m". Valid units are ns, us (or µs), ms, s, m, h.
 */
final class GoDuration {

    private GoDuration() {
    }

    /** Returns the duration in nanoseconds. */
    static long parse(String s) {
        try {
            return parseChecked(s);
        } catch (ArithmeticException e) {
            throw new EvalError("duration \"" + s + "\" is out of range");
        }
    }

    private static long parseChecked(String s) {
        String original = s;
        boolean negative = false;
        int i = 0;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if (s.substring(i).equals("0")) {
            return 0;
        }
        if (i == s.length()) {
            throw invalid(original);
        }
        long total = 0;
        while (i < s.length()) {
            int start = i;
            long whole = 0;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                whole = Math.addExact(Math.multiplyExact(whole, 10), s.charAt(i++) - '0');
            }
            boolean hasWhole = i > start;
            long fraction = 0;
            long scale = 1;
            boolean hasFraction = false;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int fracStart = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    // digits beyond nanosecond precision cannot matter
                    if (scale < 1_000_000_000_000_000L) {
                        fraction = fraction * 10 + (s.charAt(i) - '0');
                        scale *= 10;
                    }
                    i++;
                }
                hasFraction = i > fracStart;
            }
            if (!hasWhole && !hasFraction) {
                throw invalid(original);
            }
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !Character.isDigit(s.charAt(i))) {
                i++;
            }
            long unit = unit(s.substring(unitStart, i), original);
            long value = Math.addExact(Math.multiplyExact(whole, unit), (long) ((double) fraction * unit / scale));
            total = Math.addExact(total, value);
        }
        return negative ? -total : total;
    }

    private static long unit(String unit, String original) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "\u00b5s", "\u03bcs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "" -> throw new EvalError("missing unit in duration \"" + original + "\"");
            default -> throw new EvalError("unknown unit \"" + unit + "\" in duration \"" + original + "\"");
        };
    }

    private static EvalError invalid(String s) {
        return new EvalError("invalid duration \"" + s + "\"");
    }
}
