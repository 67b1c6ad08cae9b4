package dev.tessera.template;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Decodes Go literals inside an expression: "interpreted strings" with Go escapes, `raw strings`,
 * 'c'haracter constants (their value is the code point, as in Go) and numbers.
 */
final class GoLiterals {

    /** A decoded literal and the offset just past it. */
    record Decoded(Object value, int end) {
    }

    private GoLiterals() {
    }

    /** Decodes a double-quoted string starting at {@code start} (the opening quote). */
    static Decoded quoted(String src, int start) throws TemplateSyntaxException {
        StringBuilder sb = new StringBuilder();
        // \x and octal escapes give bytes (as in Go); consecutive ones are decoded together as UTF-8
        byte[] bytes = new byte[8];
        int nBytes = 0;
        int pos = start + 1;
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw Lexer.error(start, "unterminated string");
            }
            char c = src.charAt(pos);
            if (c == '"') {
                flush(sb, bytes, nBytes);
                return new Decoded(sb.toString(), pos + 1);
            }
            if (c != '\\') {
                nBytes = flush(sb, bytes, nBytes);
                sb.append(c);
                pos++;
                continue;
            }
            long[] escape = escape(src, pos, '"', start);
            pos = (int) escape[1];
            if (escape[2] == 1) {
                if (nBytes == bytes.length) {
                    bytes = java.util.Arrays.copyOf(bytes, nBytes * 2);
                }
                bytes[nBytes++] = (byte) escape[0];
            } else {
                nBytes = flush(sb, bytes, nBytes);
                sb.appendCodePoint((int) escape[0]);
            }
        }
    }

    private static int flush(StringBuilder sb, byte[] bytes, int n) {
        if (n > 0) {
            sb.append(new String(bytes, 0, n, StandardCharsets.UTF_8));
        }
        return 0;
    }

    /** Decodes a backquoted raw string: no escapes, may span lines, carriage returns dropped (as Go). */
    static Decoded raw(String src, int start) throws TemplateSyntaxException {
        int end = src.indexOf('`', start + 1);
        if (end < 0) {
            throw Lexer.error(start, "unterminated raw string");
        }
        String body = src.substring(start + 1, end);
        if (body.indexOf('\r') >= 0) {
            body = body.replace("\r", "");
        }
        return new Decoded(body, end + 1);
    }

    /** Decodes a character constant like {@code 'a'} or {@code '\n'}; its value is the code point as a Long. */
    static Decoded character(String src, int start) throws TemplateSyntaxException {
        int pos = start + 1;
        if (pos >= src.length() || src.charAt(pos) == '\n') {
            throw Lexer.error(start, "unterminated character constant");
        }
        long value;
        if (src.charAt(pos) == '\\') {
            long[] escape = escape(src, pos, '\'', start);
            value = escape[0];
            pos = (int) escape[1];
        } else if (src.charAt(pos) == '\'') {
            throw Lexer.error(start, "empty character constant");
        } else {
            value = src.codePointAt(pos);
            pos += Character.charCount((int) value);
        }
        if (pos >= src.length() || src.charAt(pos) != '\'') {
            throw Lexer.error(start, "unterminated or malformed character constant");
        }
        return new Decoded(value, pos + 1);
    }

    /**
     * Decodes one escape at {@code pos} (the backslash). Returns {value, next offset, 1 if the
     * value is a single byte (\x, octal) else 0}.
     */
    private static long[] escape(String src, int pos, char quote, int literalStart) throws TemplateSyntaxException {
        if (pos + 1 >= src.length()) {
            throw Lexer.error(literalStart, quote == '"' ? "unterminated string" : "unterminated character constant");
        }
        char e = src.charAt(pos + 1);
        return switch (e) {
            case 'a' -> new long[] {7, pos + 2, 0};
            case 'b' -> new long[] {'\b', pos + 2, 0};
            case 'f' -> new long[] {'\f', pos + 2, 0};
            case 'n' -> new long[] {'\n', pos + 2, 0};
            case 'r' -> new long[] {'\r', pos + 2, 0};
            case 't' -> new long[] {'\t', pos + 2, 0};
            case 'v' -> new long[] {11, pos + 2, 0};
            case '\\' -> new long[] {'\\', pos + 2, 0};
            case '"', '\'' -> {
                if (e != quote) {
                    throw Lexer.error(pos, "unknown escape sequence \\" + e);
                }
                yield new long[] {e, pos + 2, 0};
            }
            case 'x' -> new long[] {hex(src, pos + 2, 2, pos), pos + 4, 1};
            case 'u', 'U' -> {
                int n = e == 'u' ? 4 : 8;
                long cp = hex(src, pos + 2, n, pos);
                if (cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    throw Lexer.error(pos, "escape sequence is not a valid Unicode code point");
                }
                yield new long[] {cp, pos + 2 + n, 0};
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                long v = 0;
                for (int i = 0; i < 3; i++) {
                    char d = pos + 1 + i < src.length() ? src.charAt(pos + 1 + i) : 'x';
                    if (d < '0' || d > '7') {
                        throw Lexer.error(pos, "octal escape needs three digits");
                    }
                    v = v * 8 + (d - '0');
                }
                if (v > 255) {
                    throw Lexer.error(pos, "octal escape value above 255");
                }
                yield new long[] {v, pos + 4, 1};
            }
            default -> throw Lexer.error(pos, "unknown escape sequence \\" + e);
        };
    }

    private static long hex(String src, int from, int n, int escapePos) throws TemplateSyntaxException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            int d = from + i < src.length() ? Character.digit(src.charAt(from + i), 16) : -1;
            if (d < 0) {
                throw Lexer.error(escapePos, "escape sequence needs " + n + " hexadecimal digits");
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** Go's scanNumber: returns the offset just past the longest number-like run at {@code pos}. */
    static int scanNumber(String src, int pos) {
        pos = accept(src, pos, "+-");
        String digits = "0123456789_";
        if (pos < src.length() && src.charAt(pos) == '0') {
            pos++;
            int p = accept(src, pos, "xX");
            if (p > pos) {
                digits = "0123456789abcdefABCDEF_";
            } else if ((p = accept(src, pos, "oO")) > pos) {
                digits = "01234567_";
            } else if ((p = accept(src, pos, "bB")) > pos) {
                digits = "01_";
            }
            pos = p;
        }
        pos = acceptRun(src, pos, digits);
        int p = accept(src, pos, ".");
        if (p > pos) {
            pos = acceptRun(src, p, digits);
        }
        if (digits.length() == 11 && (p = accept(src, pos, "eE")) > pos) {
            pos = acceptRun(src, accept(src, p, "+-"), "0123456789_");
        }
        if (digits.length() == 23 && (p = accept(src, pos, "pP")) > pos) {
            pos = acceptRun(src, accept(src, p, "+-"), "0123456789_");
        }
        return accept(src, pos, "i");
    }

    private static int accept(String src, int pos, String chars) {
        return pos < src.length() && chars.indexOf(src.charAt(pos)) >= 0 ? pos + 1 : pos;
    }

    private static int acceptRun(String src, int pos, String chars) {
        while (pos < src.length() && chars.indexOf(src.charAt(pos)) >= 0) {
            pos++;
        }
        return pos;
    }

    /** Converts number text to Long (integer syntax) or Double (has a fraction or exponent), as Go does. */
    static Object number(String text, int offset) throws TemplateSyntaxException {
        if (text.endsWith("i")) {
            throw Lexer.error(offset, "complex numbers are not supported");
        }
        String body = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        boolean hex = body.startsWith("0x") || body.startsWith("0X");
        boolean isFloat = hex ? body.indexOf('p') >= 0 || body.indexOf('P') >= 0
                : body.indexOf('.') >= 0 || body.indexOf('e') >= 0 || body.indexOf('E') >= 0;
        if (!isFloat) {
            BigInteger v = GoNumbers.parseBigInteger(text);
            if (v == null) {
                throw Lexer.error(offset, "bad number syntax \"" + text + "\"");
            }
            if (v.bitLength() > 63) {
                throw Lexer.error(offset, "number " + text + " does not fit in a 64-bit integer");
            }
            return v.longValue();
        }
        if (text.contains("__") || text.endsWith("_")) {
            throw Lexer.error(offset, "bad number syntax \"" + text + "\"");
        }
        try {
            double d = Double.parseDouble(text.replace("_", ""));
            if (Double.isInfinite(d)) {
                throw Lexer.error(offset, "number " + text + " is out of range");
            }
            return d;
        } catch (NumberFormatException e) {
            throw Lexer.error(offset, "bad number syntax \"" + text + "\"");
        }
    }
}
