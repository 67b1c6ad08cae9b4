package dev.tessera.template;

/**
 * String functions with Sprig's names and argument order (the string being worked on comes
 * last, so it can be piped in): upper, lower, title, untitle, trim, trimAll, trimPrefix,
 * trimSuffix, nospace, replace, trunc, substr, repeat, contains, hasPrefix, hasSuffix.
 */
final class StringFunctions {

    private StringFunctions() {
    }

    static void register(Functions.Builder b) {
        b.define("upper", 1, (a, ev) -> GoStrings.mapCodePoints(Args.string(a, 0), Character::toUpperCase));
        b.define("lower", 1, (a, ev) -> GoStrings.mapCodePoints(Args.string(a, 0), Character::toLowerCase));
        b.define("title", 1, (a, ev) -> title(Args.string(a, 0)));
        b.define("untitle", 1, (a, ev) -> untitle(Args.string(a, 0)));
        b.define("trim", 1, (a, ev) -> GoStrings.trimSpace(Args.string(a, 0)));
        b.define("trimAll", 2, (a, ev) -> trimCutset(Args.string(a, 1), Args.string(a, 0)));
        b.define("trimPrefix", 2, (a, ev) -> {
            String prefix = Args.string(a, 0);
            String s = Args.string(a, 1);
            return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
        });
        b.define("trimSuffix", 2, (a, ev) -> {
            String suffix = Args.string(a, 0);
            String s = Args.string(a, 1);
            return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
        });
        b.define("nospace", 1, (a, ev) -> {
            String s = Args.string(a, 0);
            StringBuilder sb = new StringBuilder(s.length());
            s.codePoints().filter(cp -> !GoStrings.isSpace(cp)).forEach(sb::appendCodePoint);
            return sb.toString();
        });
        b.define("replace", 3, (a, ev) -> replace(Args.string(a, 2), Args.string(a, 0), Args.string(a, 1)));
        b.define("trunc", 2, (a, ev) -> trunc(Args.integer(a, 0), Args.string(a, 1)));
        b.define("substr", 3, (a, ev) -> substr(Args.integer(a, 0), Args.integer(a, 1), Args.string(a, 2)));
        b.define("repeat", 2, (a, ev) -> {
            int count = Args.integer(a, 0, 0, Limits.MAX_REPEAT, "repeat count");
            String s = Args.string(a, 1);
            if ((long) count * s.length() > Limits.MAX_OUTPUT) {
                throw new EvalError("result would be " + (long) count * s.length() + " characters, the limit is "
                        + Limits.MAX_OUTPUT);
            }
            return s.repeat(count);
        });
        b.define("contains", 2, (a, ev) -> Args.string(a, 1).contains(Args.string(a, 0)));
        b.define("hasPrefix", 2, (a, ev) -> Args.string(a, 1).startsWith(Args.string(a, 0)));
        b.define("hasSuffix", 2, (a, ev) -> Args.string(a, 1).endsWith(Args.string(a, 0)));
    }

    /** Go's deprecated strings.Title, which Sprig uses: upper-cases the first letter of each word, leaves the rest. */
    private static String title(String s) {
        int[] prev = {' '};
        return GoStrings.mapCodePoints(s, cp -> {
            boolean start = isWordSeparator(prev[0]);
            prev[0] = cp;
            return start ? Character.toTitleCase(cp) : cp;
        });
    }

    private static boolean isWordSeparator(int cp) {
        if (cp <= 0x7F) {
            return !(Character.isLetterOrDigit(cp) || cp == '_');
        }
        return !Character.isLetterOrDigit(cp) && GoStrings.isSpace(cp);
    }

    /** Sprig's untitle: lower-cases the first letter of each space-separated word. */
    private static String untitle(String s) {
        int[] prev = {' '};
        return GoStrings.mapCodePoints(s, cp -> {
            boolean start = GoStrings.isSpace(prev[0]);
            prev[0] = cp;
            return start ? Character.toLowerCase(cp) : cp;
        });
    }

    /** Go's strings.Trim: removes leading and trailing code points found in the cutset. */
    private static String trimCutset(String s, String cutset) {
        int start = 0;
        int end = s.length();
        while (start < end && cutset.indexOf(s.codePointAt(start)) >= 0) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && cutset.indexOf(s.codePointBefore(end)) >= 0) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    /** Go's strings.Replace(s, old, new, -1); the result size is checked before it is built. */
    private static String replace(String s, String old, String replacement) {
        int matches;
        if (old.isEmpty()) {
            matches = GoStrings.length(s) + 1;
        } else {
            matches = 0;
            for (int at = s.indexOf(old); at >= 0; at = s.indexOf(old, at + old.length())) {
                matches++;
            }
        }
        if (matches == 0) {
            return s;
        }
        long size = s.length() + (long) matches * (replacement.length() - old.length());
        if (size > Limits.MAX_OUTPUT) {
            throw new EvalError("result would be " + size + " characters, the limit is " + Limits.MAX_OUTPUT);
        }
        StringBuilder sb = new StringBuilder((int) size);
        if (old.isEmpty()) {
            // Go inserts the replacement before every code point and at the end
            for (int i = 0; i < s.length(); ) {
                int next = i + Character.charCount(s.codePointAt(i));
                sb.append(replacement).append(s, i, next);
                i = next;
            }
            return sb.append(replacement).toString();
        }
        int from = 0;
        for (int at = s.indexOf(old); at >= 0; at = s.indexOf(old, from)) {
            sb.append(s, from, at).append(replacement);
            from = at + old.length();
        }
        return sb.append(s, from, s.length()).toString();
    }

    /** Sprig's trunc: the first n code points, or for negative n the last -n. */
    private static String trunc(long n, String s) {
        int length = GoStrings.length(s);
        if (n < 0 && length + n > 0) {
            return GoStrings.slice(s, (int) (length + n), length);
        }
        if (n >= 0 && length > n) {
            return GoStrings.slice(s, 0, (int) n);
        }
        return s;
    }

    /** Sprig's substr START END: negative START means from 0; negative or too large END means to the end. */
    private static String substr(long start, long end, String s) {
        int length = GoStrings.length(s);
        if (start < 0) {
            start = 0;
        }
        if (end < 0 || end > length) {
            end = length;
        }
        if (start > end) {
            throw new EvalError("start " + start + " is after end " + end + " (the string has " + length
                    + " characters)");
        }
        return GoStrings.slice(s, (int) start, (int) end);
    }
}
