package dev.tessera.template;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Go-compatible number parsing ({@code strconv.ParseInt} with base 0) and float printing. */
final class GoNumbers {

    private GoNumbers() {
    }

    /**
     * Parses an integer the way Go's {@code strconv.ParseInt(s, 0, 64)} reads it: optional sign,
     * prefixes 0x, 0o, 0b and a leading 0 for octal, underscores between digits. Returns null if
     * the text is not an integer; range is left to the caller.
     */
    static BigInteger parseBigInteger(String s) {
        int i = 0;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        if (i >= s.length()) {
            return null;
        }
        int radix = 10;
        boolean prefixed = false;
        if (s.charAt(i) == '0' && i + 1 < s.length()) {
            char p = Character.toLowerCase(s.charAt(i + 1));
            prefixed = true;
            if (p == 'x' || p == 'o' || p == 'b') {
                radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
                i += 2;
            } else {
                radix = 8;
                i += 1;
            }
        }
        StringBuilder digits = new StringBuilder(s.length() - i);
        char prev = prefixed ? '0' : '_';
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') {
                if (prev == '_') {
                    return null;
                }
            } else if (Character.digit(c, radix) < 0) {
                return null;
            } else {
                digits.append(c);
            }
            prev = c;
        }
        if (prev == '_' || digits.isEmpty()) {
            return null;
        }
        BigInteger v = new BigInteger(digits.toString(), radix);
        return negative ? v.negate() : v;
    }

    /** Parses a decimal float such as "1.5", "-2e3" or ".5"; returns null for anything else (no NaN/Inf). */
    static Double parseDecimalFloat(String s) {
        if (s.isEmpty()) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
                return null;
            }
        }
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Prints a float as Go's {@code fmt} {@code %v} does: shortest digits, %e when the exponent is < -4 or >= 6. */
    static String formatG(double d) {
        if (!Double.isFinite(d)) {
            return Double.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf";
        }
        Digits digits = Digits.of(d);
        int exp = digits.point - 1;
        // strconv's shortest %g decides with precision 6: 1e+06, 1.234567e+06, but 123456
        return exp < -4 || exp >= 6 ? digits.formatE(2) : digits.formatF();
    }

    /** Prints a float as Go's encoding/json does: plain unless below 1e-6 or at least 1e21. */
    static String formatJson(double d) {
        if (!Double.isFinite(d)) {
            throw new EvalError("cannot encode " + formatG(d) + " as JSON");
        }
        double abs = Math.abs(d);
        Digits digits = Digits.of(d);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            // Go writes e-7 rather than e-07 here
            return digits.formatE(1);
        }
        return digits.formatF();
    }

    /**
     * The shortest decimal digits that identify a double (Java 19+ {@code Double.toString} gives
     * them), as Go's strconv holds them: value = 0.digits x 10^point.
     */
    private record Digits(boolean negative, String digits, int point) {

        static Digits of(double d) {
            boolean negative = d < 0 || (d == 0 && 1 / d < 0);
            if (d == 0) {
                return new Digits(negative, "", 0);
            }
            BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
            String unscaled = exact.unscaledValue().toString();
            return new Digits(negative, unscaled, unscaled.length() - exact.scale());
        }

        String formatE(int minExpDigits) {
            StringBuilder sb = new StringBuilder();
            if (negative) {
                sb.append('-');
            }
            if (digits.isEmpty()) {
                sb.append('0');
            } else {
                sb.append(digits.charAt(0));
                if (digits.length() > 1) {
                    sb.append('.').append(digits, 1, digits.length());
                }
            }
            int exp = digits.isEmpty() ? 0 : point - 1;
            sb.append('e').append(exp < 0 ? '-' : '+');
            String e = Integer.toString(Math.abs(exp));
            for (int i = e.length(); i < minExpDigits; i++) {
                sb.append('0');
            }
            return sb.append(e).toString();
        }

        String formatF() {
            StringBuilder sb = new StringBuilder();
            if (negative) {
                sb.append('-');
            }
            if (point > 0) {
                for (int i = 0; i < point; i++) {
                    sb.append(i < digits.length() ? digits.charAt(i) : '0');
                }
            } else {
                sb.append('0');
            }
            int decimals = Math.max(digits.length() - point, 0);
            if (decimals > 0) {
                sb.append('.');
                for (int i = 0; i < decimals; i++) {
                    int idx = point + i;
                    sb.append(idx >= 0 && idx < digits.length() ? digits.charAt(idx) : '0');
                }
            }
            return sb.toString();
        }
    }
}
