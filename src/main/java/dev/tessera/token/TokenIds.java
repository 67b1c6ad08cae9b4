package dev.tessera.token;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Token ids ({@code jti}) are time-ordered UUIDs, version 7 (RFC 9562 §5.7): 48 bits of
 * milliseconds, then 74 random bits. Still unique and unguessable, but consecutive tokens
 * land next to each other in the records' primary-key index instead of on random pages,
 * which is what makes writing thousands of records a second cheap.
 */
public final class TokenIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenIds() {
    }

    public static UUID next() {
        return next(System.currentTimeMillis());
    }

    static UUID next(long epochMillis) {
        long rand = RANDOM.nextLong();
        long msb = (epochMillis << 16) | 0x7000L | (rand >>> 52);
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
