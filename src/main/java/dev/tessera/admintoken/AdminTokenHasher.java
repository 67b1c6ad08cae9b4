package dev.tessera.admintoken;

import dev.tessera.crypto.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The stored form of an admin token: HMAC-SHA256 under a key derived from the master key, so a
 * copy of the database alone does not let anyone test guesses (tokens are 238-bit random, but
 * one set by {@code TESSERA_ADMIN_TOKEN} may be weaker). Rows written before the key was used
 * hold an unsalted SHA-256 ({@link #legacy}); they are re-hashed on their first use.
 *
 * <p>Lookup is by equality on the stored hash (an index lookup): the caller cannot steer an
 * HMAC under a secret key, so comparing it in the database reveals nothing through timing.
 */
public final class AdminTokenHasher {
    static final String SCHEME = "hmac-sha256$";

    private final byte[] key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public AdminTokenHasher(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("admin-token hash key must be at least 32 bytes");
        }
        this.key = key.clone();
    }

    public String hash(String token) {
        byte[] mac = macs.get().doFinal(token.getBytes(StandardCharsets.UTF_8));
        return SCHEME + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    /** How tokens were stored before: SHA-256, unpadded base64url, no prefix. */
    static String legacy(String token) {
        return Sha256.base64Url(token);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
