package dev.tessera.template;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random values and UUIDs: uuidv4, uuidValidate, uuidParse, randAlphaNum, randAlpha, randNumeric,
 * randAscii. All randomness comes from SecureRandom, since claims such as a nonce or a jti may
 * be relied on for uniqueness or secrecy.
 */
final class RandomFunctions {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String DIGITS = "0123456789";

    private RandomFunctions() {
    }

    static void register(Functions.Builder b) {
        b.define("uuidv4", 0, (a, ev) -> UUID.randomUUID().toString());
        b.define("uuidValidate", 1, (a, ev) -> parseUuid(Args.string(a, 0)) != null);
        b.define("uuidParse", 1, (a, ev) -> {
            String uuid = parseUuid(Args.string(a, 0));
            if (uuid == null) {
                throw new EvalError("invalid UUID " + Values.describe(a[0]));
            }
            return uuid;
        });
        b.define("randAlphaNum", 1, (a, ev) -> random(a, LETTERS + DIGITS));
        b.define("randAlpha", 1, (a, ev) -> random(a, LETTERS));
        b.define("randNumeric", 1, (a, ev) -> random(a, DIGITS));
        b.define("randAscii", 1, (a, ev) -> {
            int n = Args.integer(a, 0, 0, Limits.MAX_REPEAT, "length");
            char[] out = new char[n];
            for (int i = 0; i < n; i++) {
                out[i] = (char) (32 + RANDOM.nextInt(95));
            }
            return new String(out);
        });
    }

    private static String random(Object[] a, String alphabet) {
        int n = Args.integer(a, 0, 0, Limits.MAX_REPEAT, "length");
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
        }
        return new String(out);
    }

    /**
     * Accepts the forms Go's google/uuid Parse accepts (canonical, urn:uuid:, {braced}, 32 hex
     * digits) and returns the canonical lower-case form, or null.
     */
    static String parseUuid(String s) {
        String hex;
        if (s.length() == 36) {
            hex = dashed(s);
        } else if (s.length() == 45 && s.regionMatches(true, 0, "urn:uuid:", 0, 9)) {
            hex = dashed(s.substring(9));
        } else if (s.length() == 38 && s.charAt(0) == '{' && s.charAt(37) == '}') {
            hex = dashed(s.substring(1, 37));
        } else {
            hex = s.length() == 32 ? s : null;
        }
        if (hex == null) {
            return null;
        }
        for (int i = 0; i < 32; i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                return null;
            }
        }
        String h = hex.toLowerCase(java.util.Locale.ROOT);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }

    private static String dashed(String s) {
        if (s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') {
            return null;
        }
        return s.substring(0, 8) + s.substring(9, 13) + s.substring(14, 18) + s.substring(19, 23) + s.substring(24);
    }
}
