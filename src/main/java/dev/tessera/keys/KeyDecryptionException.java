package dev.tessera.keys;

/**
 * Thrown when an encrypted key blob cannot be decrypted: it is malformed, was tampered with,
 * was encrypted under another key, or belongs to another context (row). AES-GCM cannot tell the
 * last three apart, by design.
 */
public final class KeyDecryptionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KeyDecryptionException(String message) {
        super(message);
    }

    public KeyDecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
