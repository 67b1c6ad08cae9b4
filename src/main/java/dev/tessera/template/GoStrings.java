package dev.tessera.template;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Go's string semantics where Java's differ: Unicode white space as {@code unicode.IsSpace},
 * per-code-point case mapping (Java's {@code toUpperCase} turns "ß" into "SS", Go does not),
 * {@code strconv.Quote} escaping and {@code strings.Split}. Positions and lengths here count
 * Unicode code points (Go counts bytes; for ASCII the two agree).
 */
final class GoStrings {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoStrings() {
    }

    /** Go's {@code unicode.IsSpace}. */
    static boolean isSpace(int cp) {
        return cp == '\t' || cp == '\n' || cp == 0x0B || cp == '\f' || cp == '\r' || cp == 0x85
                || Character.isSpaceChar(cp);
    }

    static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    /** Applies {@code f} to every code point; returns {@code s} itself when nothing changes. */
    static String mapCodePoints(String s, IntUnaryOperator f) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int mapped = f.applyAsInt(cp);
            if (mapped != cp && sb == null) {
                sb = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (sb != null) {
                sb.appendCodePoint(mapped);
            }
            i += Character.charCount(cp);
        }
        return sb == null ? s : sb.toString();
    }

    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Substring by code point positions, which the caller has checked to lie within 0..length. */
    static String slice(String s, int from, int to) {
        int start = s.offsetByCodePoints(0, from);
        return s.substring(start, s.offsetByCodePoints(start, to - from));
    }

    /** Go's {@code strconv.Quote}: double quotes, Go escapes, printable Unicode kept. */
    static void quote(String s, BoundedText out) {
        out.append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 7 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0B -> out.append("\\v");
                default -> {
                    if (isPrint(cp)) {
                        out.appendCodePoint(cp);
                    } else if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
                        out.append("\\ufffd");
                    } else if (cp < 0x80) {
                        out.append("\\x").append(HEX[cp >> 4]).append(HEX[cp & 15]);
                    } else if (cp <= 0xFFFF) {
                        out.append("\\u");
                        hex(out, cp, 4);
                    } else {
                        out.append("\\U");
                        hex(out, cp, 8);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void hex(BoundedText out, int v, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(HEX[(v >> shift) & 15]);
        }
    }

    /** Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                 Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                 Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                 Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                 Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    /**
     * Go's {@code strings.SplitN(s, sep, n)}: n < 0 means all parts, n == 0 none; an empty
     * separator splits after each code point.
     */
    static List<String> split(String s, String sep, int n, Evaluation evaluation) {
        List<String> parts = new ArrayList<>();
        if (n == 0) {
            return parts;
        }
        if (sep.isEmpty()) {
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                int next = i + Character.charCount(cp);
                if (n > 0 && parts.size() == n - 1) {
                    parts.add(s.substring(i));
                    return parts;
                }
                parts.add(s.substring(i, next));
                evaluation.step(1);
                i = next;
            }
            return parts;
        }
        int from = 0;
        int at;
        while ((n < 0 || parts.size() < n - 1) && (at = s.indexOf(sep, from)) >= 0) {
            parts.add(s.substring(from, at));
            evaluation.step(1);
            from = at + sep.length();
        }
        parts.add(s.substring(from));
        return parts;
    }
}
