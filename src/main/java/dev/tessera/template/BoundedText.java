package dev.tessera.template;

/**
 * A string builder that refuses to grow past a limit, so that functions such as {@code repeat},
 * {@code join} or {@code toJson} fail before allocating huge strings rather than after. In
 * counting mode it only measures (used to check the JSON size of list and map claim values).
 */
final class BoundedText {

    private final StringBuilder out;
    private final int limit;
    private int length;

    private BoundedText(StringBuilder out, int limit) {
        this.out = out;
        this.limit = limit;
    }

    /** A builder limited to {@link Limits#MAX_OUTPUT} characters. */
    static BoundedText create(int sizeHint) {
        return new BoundedText(new StringBuilder(Math.min(Math.max(sizeHint, 16), Limits.MAX_OUTPUT)), Limits.MAX_OUTPUT);
    }

    /** A sink that only counts characters, limited to {@link Limits#MAX_OUTPUT}. */
    static BoundedText counter() {
        return new BoundedText(null, Limits.MAX_OUTPUT);
    }

    private void reserve(int n) {
        if (n > limit - length) {
            throw new EvalError("output exceeds the limit of " + limit + " characters");
        }
        length += n;
    }

    BoundedText append(String s) {
        reserve(s.length());
        if (out != null) {
            out.append(s);
        }
        return this;
    }

    BoundedText append(CharSequence s, int start, int end) {
        reserve(end - start);
        if (out != null) {
            out.append(s, start, end);
        }
        return this;
    }

    BoundedText append(char c) {
        reserve(1);
        if (out != null) {
            out.append(c);
        }
        return this;
    }

    BoundedText appendCodePoint(int cp) {
        reserve(Character.charCount(cp));
        if (out != null) {
            out.appendCodePoint(cp);
        }
        return this;
    }

    BoundedText append(long n) {
        return append(Long.toString(n));
    }

    int length() {
        return length;
    }

    @Override
    public String toString() {
        return out == null ? "" : out.toString();
    }
}
