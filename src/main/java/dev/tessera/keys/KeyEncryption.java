package dev.tessera.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts key material at rest with AES-256-GCM.
 *
 * <p>Output format: {@code v1.<base64url(nonce || ciphertext || tag)>} with a random 96-bit nonce
 * and a 128-bit tag. The caller's context string (e.g. from {@link #signingKeyContext}) is bound
 * in as associated data, so a blob copied into another row fails to decrypt there.
 *
 * <p>Thread-safe. Random nonces are safe for far more encryptions than a key store will ever do
 * (the GCM limit is about 2^32 per key).
 */
public final class KeyEncryption {

    private static final String VERSION = "v1";
    private static final String PREFIX = VERSION + ".";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int TAG_BYTES = TAG_BITS / 8;

    private final SecretKeySpec key;
    /** Keys that still decrypt (a master-key rotation in progress); never used to encrypt. */
    private final List<SecretKeySpec> older;
    private final CryptoProvider crypto;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param key32  the 32-byte AES-256 key (copied; the caller may wipe its array afterwards)
     * @param crypto provider of the AES-GCM implementation
     */
    public KeyEncryption(byte[] key32, CryptoProvider crypto) {
        this(key32, List.of(), crypto);
    }

    /**
     * @param key32     encrypts, and decrypts first
     * @param olderKeys also decrypt, in order (the previous master key's, during a rotation)
     */
    public KeyEncryption(byte[] key32, List<byte[]> olderKeys, CryptoProvider crypto) {
        this.key = spec(key32);
        this.older = olderKeys.stream().map(KeyEncryption::spec).toList();
        this.crypto = Objects.requireNonNull(crypto, "crypto");
    }

    private static SecretKeySpec spec(byte[] key32) {
        Objects.requireNonNull(key32, "key32");
        if (key32.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256 key must be 32 bytes, got " + key32.length);
        }
        return new SecretKeySpec(key32, "AES");
    }

    /** Whether the blob is encrypted under the current key (not only under an older one). */
    public boolean isCurrent(String blob, String context) {
        try {
            decryptWith(key, blob, context);
            return true;
        } catch (KeyDecryptionException e) {
            return false;
        }
    }

    /**
     * A canonical context for one stored signing key. The length prefix keeps
     * ("a:b", "c") and ("a", "b:c") distinct.
     */
    public static String signingKeyContext(String authServerId, String kid) {
        return "signing-key:" + authServerId.length() + ":" + authServerId + ":" + kid;
    }

    /** Encrypts {@code plaintext}, bound to {@code context}; returns {@code v1.<base64url>}. */
    public String encrypt(byte[] plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = crypto.aesGcmCipher();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(context));
            byte[] out = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            int written = cipher.doFinal(plaintext, 0, plaintext.length, out, NONCE_BYTES);
            byte[] blob = written == out.length - NONCE_BYTES ? out : Arrays.copyOf(out, NONCE_BYTES + written);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(blob);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Convenience for text secrets: UTF-8 encodes before encrypting. */
    public String encryptString(String plaintext, String context) {
        return encrypt(plaintext.getBytes(StandardCharsets.UTF_8), context);
    }

    /**
     * Decrypts a blob produced by {@link #encrypt} with the same key and context.
     *
     * @throws KeyDecryptionException when the blob is malformed, tampered with, or the key or
     *                                context differs from the one used to encrypt
     */
    public byte[] decrypt(String blob, String context) {
        try {
            return decryptWith(key, blob, context);
        } catch (KeyDecryptionException e) {
            for (SecretKeySpec k : older) {
                try {
                    return decryptWith(k, blob, context);
                } catch (KeyDecryptionException ignored) {
                    // try the next one
                }
            }
            throw e;
        }
    }

    private byte[] decryptWith(SecretKeySpec key, String blob, String context) {
        if (blob == null || !blob.startsWith(PREFIX)) {
            throw new KeyDecryptionException("encrypted key blob has an unknown format (expected prefix \""
                    + PREFIX + "\")");
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(blob.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new KeyDecryptionException("encrypted key blob is not valid base64url", e);
        }
        if (raw.length < NONCE_BYTES + TAG_BYTES) {
            throw new KeyDecryptionException("encrypted key blob is truncated (" + raw.length + " bytes)");
        }
        try {
            Cipher cipher = crypto.aesGcmCipher();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            cipher.updateAAD(aad(context));
            return cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new KeyDecryptionException("encrypted key blob failed authentication: wrong master key, "
                    + "wrong context (blob moved from another row) or tampered data", e);
        } catch (GeneralSecurityException e) {
            throw new KeyDecryptionException("encrypted key blob could not be decrypted", e);
        }
    }

    /** Counterpart of {@link #encryptString}. */
    public String decryptString(String blob, String context) {
        return new String(decrypt(blob, context), StandardCharsets.UTF_8);
    }

    // The version is part of the AAD so a future v2 blob can never be read as v1 or vice versa.
    private static byte[] aad(String context) {
        Objects.requireNonNull(context, "context");
        byte[] ctx = context.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(VERSION.length() + 1 + ctx.length)
                .put(VERSION.getBytes(StandardCharsets.US_ASCII))
                .put((byte) 0)
                .put(ctx)
                .array();
    }
}
