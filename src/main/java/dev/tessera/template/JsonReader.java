package dev.tessera.template;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text into plain Java values (LinkedHashMap, ArrayList, String, Long, Double,
 * BigDecimal for numbers beyond those, Boolean, null) with Jackson's streaming parser, and applies
 * the claim typing rules that turn strings into JSON values.
 */
final class JsonReader {

    /** Returned by {@link #parseStatic} when the text is not JSON. */
    static final Object NOT_JSON = new Object();

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Limits.MAX_JSON_DEPTH).build())
            .build();

    private JsonReader() {
    }

    /** Rule 1: a static claim value that is any JSON value, deeply unmodifiable; else {@link #NOT_JSON}. */
    static Object parseStatic(String s) {
        try {
            return parse(s, true);
        } catch (IOException | RuntimeException e) {
            return NOT_JSON;
        }
    }

    /**
     * Rules 2 and 3: a string produced by a template becomes a JSON object, array, number or
     * boolean when it is exactly one; otherwise (including "null" and quoted strings) it stays as is.
     * Numbers and booleans are recognised without Jackson because values such as UUIDs often
     * start with a digit and a failed parse would cost an exception per token.
     */
    static Object hydrate(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isJsonSpace(s.charAt(start))) {
            start++;
        }
        if (start == end) {
            return s;
        }
        char c = s.charAt(start);
        if (c == '{' || c == '[') {
            try {
                return parse(s, false);
            } catch (IOException | RuntimeException e) {
                return s;
            }
        }
        while (end > start && isJsonSpace(s.charAt(end - 1))) {
            end--;
        }
        if (c == 't' || c == 'f') {
            if (s.startsWith("true", start) && end - start == 4) {
                return Boolean.TRUE;
            }
            return s.startsWith("false", start) && end - start == 5 ? Boolean.FALSE : s;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            Object n = number(s, start, end);
            return n != null ? n : s;
        }
        return s;
    }

    /** {@code fromJson}: any JSON value, or an error saying why the text is not JSON. */
    static Object parseStrict(String s) {
        if (s.length() > Limits.MAX_JSON_INPUT) {
            throw new EvalError("input is longer than " + Limits.MAX_JSON_INPUT + " characters");
        }
        try {
            return parse(s, false);
        } catch (IOException e) {
            String message = e.getMessage() == null ? "invalid JSON" : e.getMessage();
            int cut = message.indexOf('\n');
            throw new EvalError("invalid JSON: " + (cut > 0 ? message.substring(0, cut) : message));
        }
    }

    private static Object parse(String s, boolean freeze) throws IOException {
        try (JsonParser p = FACTORY.createParser(s)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new IOException("empty input");
            }
            Object value = read(p, first, freeze);
            if (p.nextToken() != null) {
                throw new IOException("unexpected text after the JSON value");
            }
            return value;
        }
    }

    private static Object read(JsonParser p, JsonToken t, boolean freeze) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    m.put(key, read(p, p.nextToken(), freeze));
                }
                return freeze ? Collections.unmodifiableMap(m) : m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    l.add(read(p, e, freeze));
                }
                return freeze ? Collections.unmodifiableList(l) : l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? new BigDecimal(p.getBigIntegerValue()) : (Object) p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                double d = p.getDoubleValue();
                return Double.isFinite(d) ? (Object) d : p.getDecimalValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected token " + t);
        }
    }

    /** Parses a JSON number occupying exactly [start, end), or returns null. */
    private static Object number(String s, int start, int end) {
        int i = start;
        if (s.charAt(i) == '-') {
            i++;
        }
        int intStart = i;
        while (i < end && isDigit(s.charAt(i))) {
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits == 0 || (intDigits > 1 && s.charAt(intStart) == '0')) {
            return null;
        }
        boolean integer = true;
        if (i < end && s.charAt(i) == '.') {
            integer = false;
            int from = ++i;
            while (i < end && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == from) {
                return null;
            }
        }
        if (i < end && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            integer = false;
            i++;
            if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int from = i;
            while (i < end && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == from) {
                return null;
            }
        }
        if (i != end) {
            return null;
        }
        String text = start == 0 && end == s.length() ? s : s.substring(start, end);
        if (integer) {
            if (intDigits <= 18) {
                return Long.parseLong(text);
            }
            BigInteger big = new BigInteger(text);
            return big.bitLength() <= 63 ? (Object) big.longValue() : new BigDecimal(big);
        }
        double d = Double.parseDouble(text);
        return Double.isFinite(d) ? (Object) d : new BigDecimal(text);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isJsonSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
