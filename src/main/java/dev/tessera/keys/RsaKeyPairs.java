package dev.tessera.keys;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Objects;
import java.util.UUID;

/**
 * Generates RSA key pairs and converts them to and from their standard encodings (PKCS#8 for the
 * private key, X.509 SubjectPublicKeyInfo for the public key), always through the chosen
 * {@link CryptoProvider} so the resulting key objects are the provider's own (fast to sign with).
 *
 * <p>Thread-safe: JCA factories are created per call, which is cheap next to RSA work.
 */
public final class RsaKeyPairs {

    /** Modulus size of every key Tessera generates. */
    public static final int KEY_BITS = 2048;

    private final CryptoProvider crypto;

    public RsaKeyPairs(CryptoProvider crypto) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
    }

    /** Generates a fresh 2048-bit RSA key pair with public exponent 65537. */
    public KeyPair generate() {
        KeyPairGenerator generator = crypto.rsaKeyPairGenerator();
        generator.initialize(KEY_BITS);
        return generator.generateKeyPair();
    }

    /** Generates a new signing key with a random UUID kid. */
    public SigningKey generateSigningKey(long createdAtMicros) {
        KeyPair pair = generate();
        return new SigningKey(UUID.randomUUID().toString(), (RSAPublicKey) pair.getPublic(),
                pair.getPrivate(), createdAtMicros);
    }

    /** The PKCS#8 (unencrypted PrivateKeyInfo) DER bytes; encrypt them before storing. */
    public static byte[] encodePrivate(PrivateKey key) {
        requireFormat(key.getFormat(), "PKCS#8");
        return key.getEncoded();
    }

    /** The X.509 SubjectPublicKeyInfo DER bytes. */
    public static byte[] encodePublic(PublicKey key) {
        requireFormat(key.getFormat(), "X.509");
        return key.getEncoded();
    }

    /**
     * Loads a PKCS#8 RSA private key through the provider's key factory.
     *
     * @throws IllegalArgumentException when the bytes are not a valid RSA PKCS#8 key
     */
    public PrivateKey loadPrivate(byte[] pkcs8) {
        try {
            return crypto.rsaKeyFactory().generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (InvalidKeySpecException | RuntimeException e) {
            // The message of the cause could echo parts of the input; keep only the type.
            throw new IllegalArgumentException("not a valid PKCS#8 RSA private key ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Loads an X.509 RSA public key through the provider's key factory.
     *
     * @throws IllegalArgumentException when the bytes are not a valid RSA public key
     */
    public RSAPublicKey loadPublic(byte[] x509) {
        try {
            return (RSAPublicKey) crypto.rsaKeyFactory().generatePublic(new X509EncodedKeySpec(x509));
        } catch (InvalidKeySpecException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid X.509 RSA public key", e);
        }
    }

    /**
     * Rebuilds a stored signing key; both halves are loaded through the provider.
     *
     * @throws IllegalArgumentException when an encoding is invalid or the halves do not match
     */
    public SigningKey load(String kid, byte[] publicX509, byte[] privatePkcs8, long createdAtMicros) {
        return new SigningKey(kid, loadPublic(publicX509), loadPrivate(privatePkcs8), createdAtMicros);
    }

    private static void requireFormat(String actual, String expected) {
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException("key encoding is " + actual + ", expected " + expected);
        }
    }
}
