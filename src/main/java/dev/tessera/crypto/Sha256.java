package dev.tessera.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** SHA-256 of high-entropy values (admin tokens, access tokens), with one digest per thread. */
public final class Sha256 {
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    });

    private Sha256() {
    }

    public static byte[] of(String value) {
        return DIGEST.get().digest(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The digest as unpadded base64url, for storing in a text column. */
    public static String base64Url(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(of(value));
    }
}
