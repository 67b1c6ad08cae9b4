package dev.tessera.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes values as JSON the way Go's encoding/json does, so {@code toJson} output matches Kong
 * Identity: map keys sorted, floats in Go's notation, times as RFC 3339, and (for {@code toJson},
 * not {@code toRawJson}) {@code <}, {@code >} and {@code &} escaped. Output goes to a
 * {@link BoundedText}, so an oversized value fails before it is built.
 */
final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final Comparator<Map.Entry<?, ?>> BY_KEY =
            Comparator.comparing(e -> String.valueOf(e.getKey()));

    private JsonWriter() {
    }

    /** Writes {@code v}; {@code escapeHtml} as Go's default, {@code pretty} as MarshalIndent with two spaces. */
    static void write(Object v, BoundedText out, boolean escapeHtml, boolean pretty) {
        new Writer(out, escapeHtml, pretty).value(v, 0);
    }

    /** Convenience for functions: the JSON text of {@code v}. */
    static String toJson(Object v, boolean escapeHtml, boolean pretty) {
        BoundedText out = BoundedText.create(64);
        write(v, out, escapeHtml, pretty);
        return out.toString();
    }

    private record Writer(BoundedText out, boolean escapeHtml, boolean pretty) {

        void value(Object v, int depth) {
            if (depth > Limits.MAX_JSON_DEPTH) {
                throw new EvalError("value nested more than " + Limits.MAX_JSON_DEPTH + " levels deep");
            }
            switch (v) {
                case null -> out.append("null");
                case String s -> string(s);
                case Boolean b -> out.append(b ? "true" : "false");
                case Long n -> out.append(n);
                case Integer n -> out.append(n);
                case Short n -> out.append(n);
                case Byte n -> out.append(n);
                case BigInteger n -> out.append(n.toString());
                case BigDecimal n -> out.append(n.toString());
                case Double d -> out.append(GoNumbers.formatJson(d));
                case Float f -> out.append(GoNumbers.formatJson(f));
                case Instant t -> string(GoTimeFormat.RFC3339_NANO.format(t, ZoneOffset.UTC));
                case List<?> l -> list(l, depth);
                case Map<?, ?> m -> map(m, depth);
                default -> throw new EvalError("cannot encode a value of type " + v.getClass().getSimpleName() + " as JSON");
            }
        }

        private void list(List<?> l, int depth) {
            if (l.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            boolean first = true;
            for (Object e : l) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                newline(depth + 1);
                value(e, depth + 1);
            }
            newline(depth);
            out.append(']');
        }

        private void map(Map<?, ?> m, int depth) {
            if (m.isEmpty()) {
                out.append("{}");
                return;
            }
            // Go sorts map keys
            Map.Entry<?, ?>[] entries = m.entrySet().toArray(new Map.Entry<?, ?>[0]);
            Arrays.sort(entries, BY_KEY);
            out.append('{');
            for (int i = 0; i < entries.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                newline(depth + 1);
                string(String.valueOf(entries[i].getKey()));
                out.append(pretty ? ": " : ":");
                value(entries[i].getValue(), depth + 1);
            }
            newline(depth);
            out.append('}');
        }

        private void newline(int depth) {
            if (pretty) {
                out.append('\n');
                for (int i = 0; i < depth; i++) {
                    out.append("  ");
                }
            }
        }

        private void string(String s) {
            out.append('"');
            int plain = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                String escape = escape(s, i, c);
                if (escape != null) {
                    out.append(s, plain, i).append(escape);
                    plain = i + 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                }
            }
            out.append(s, plain, s.length()).append('"');
        }

        private String escape(String s, int i, char c) {
            switch (c) {
                case '"': return "\\\"";
                case '\\': return "\\\\";
                case '\n': return "\\n";
                case '\r': return "\\r";
                case '\t': return "\\t";
                case '\b': return "\\b";
                case '\f': return "\\f";
                default:
            }
            if (c < 0x20 || c == '\u2028' || c == '\u2029' || (escapeHtml && (c == '<' || c == '>' || c == '&'))) {
                return "\\u" + HEX[c >> 12] + HEX[(c >> 8) & 15] + HEX[(c >> 4) & 15] + HEX[c & 15];
            }
            if (Character.isSurrogate(c)) {
                // only reached for a lone surrogate: Go replaces invalid UTF-8 the same way
                boolean paired = Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
                return paired ? null : "\\ufffd";
            }
            return null;
        }
    }
}
