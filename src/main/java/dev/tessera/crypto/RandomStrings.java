package dev.tessera.crypto;

import java.security.SecureRandom;

/** Random identifiers and secrets drawn from a {@link SecureRandom}, without modulo bias. */
public final class RandomStrings {
    public static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    public static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomStrings() {
    }

    public static String of(String alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
        }
        return new String(out);
    }

    /** Client ids: 20 chars of [a-z0-9], about 103 bits, within Kong's 16–20 char shape. */
    public static String clientId() {
        return of(LOWER_ALNUM, 20);
    }

    /** Client secrets: 36 chars of [A-Za-z0-9], about 214 bits (DESIGN asks for at least 190). */
    public static String clientSecret() {
        return of(ALNUM, 36);
    }

    /** Issuer slugs: 16 chars of [a-z0-9], fixed when the auth server is created. */
    public static String slug() {
        return of(LOWER_ALNUM, 16);
    }

    public static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
