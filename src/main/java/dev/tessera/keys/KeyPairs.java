package dev.tessera.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Objects;
import java.util.UUID;

/**
 * Generates key pairs of every {@link KeyFamily} and converts them to and from their standard
 * encodings (PKCS#8 for the private key, X.509 SubjectPublicKeyInfo for the public key), always
 * through the {@link CryptoProvider} so the key objects are the signing provider's own (fast to
 * sign with).
 *
 * <p>Thread-safe: JCA factories are created per call, which is cheap next to key work.
 */
public final class KeyPairs {

    /** Modulus size of every RSA key Tessera generates (and the least it imports). */
    public static final int KEY_BITS = 2048;

    private final CryptoProvider crypto;

    public KeyPairs(CryptoProvider crypto) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
    }

    /** Generates a fresh key pair of the family: RSA 2048 with exponent 65537, P-256, P-384 or Ed25519. */
    public KeyPair generate(KeyFamily family) {
        KeyPairGenerator generator = crypto.keyPairGenerator(family);
        try {
            if (family == KeyFamily.RSA) {
                generator.initialize(KEY_BITS);
            } else if (family.generationSpec() != null) {
                generator.initialize(family.generationSpec());
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(family + " key generation is not supported by " + crypto.name(), e);
        }
        return generator.generateKeyPair();
    }

    /** Generates a new signing key for {@code alg} with a random UUID kid. */
    public SigningKey generateSigningKey(KeyAlgorithm alg, long createdAtMicros) {
        KeyPair pair = generate(alg.family());
        return new SigningKey(UUID.randomUUID().toString(), alg, pair.getPublic(), pair.getPrivate(), createdAtMicros);
    }

    /** An RS256 key: the default algorithm. */
    public SigningKey generateSigningKey(long createdAtMicros) {
        return generateSigningKey(KeyAlgorithm.RS256, createdAtMicros);
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
     * Loads a PKCS#8 private key of the family through the provider's key factory.
     *
     * @throws IllegalArgumentException when the bytes are not a valid PKCS#8 key of that family
     */
    public PrivateKey loadPrivate(KeyFamily family, byte[] pkcs8) {
        try {
            return crypto.keyFactory(family).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (InvalidKeySpecException | RuntimeException e) {
            // The message of the cause could echo parts of the input; keep only the type.
            throw new IllegalArgumentException("not a valid PKCS#8 " + family.jcaName() + " private key ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** {@link #loadPrivate(KeyFamily, byte[])} for RSA. */
    public PrivateKey loadPrivate(byte[] pkcs8) {
        return loadPrivate(KeyFamily.RSA, pkcs8);
    }

    /**
     * Loads an X.509 public key of the family through the provider's key factory.
     *
     * @throws IllegalArgumentException when the bytes are not a valid public key of that family
     */
    public PublicKey loadPublic(KeyFamily family, byte[] x509) {
        try {
            return crypto.keyFactory(family).generatePublic(new X509EncodedKeySpec(x509));
        } catch (InvalidKeySpecException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid X.509 " + family.jcaName() + " public key", e);
        }
    }

    /** {@link #loadPublic(KeyFamily, byte[])} for RSA. */
    public PublicKey loadPublic(byte[] x509) {
        return loadPublic(KeyFamily.RSA, x509);
    }

    /**
     * Rebuilds a stored signing key; both halves are loaded through the provider.
     *
     * @throws IllegalArgumentException when an encoding is invalid or the halves do not match
     */
    public SigningKey load(String kid, KeyAlgorithm alg, byte[] publicX509, byte[] privatePkcs8, long createdAtMicros) {
        return new SigningKey(kid, alg, loadPublic(alg.family(), publicX509), loadPrivate(alg.family(), privatePkcs8),
                createdAtMicros);
    }

    /** An RS256 key (see {@link #load(String, KeyAlgorithm, byte[], byte[], long)}). */
    public SigningKey load(String kid, byte[] publicX509, byte[] privatePkcs8, long createdAtMicros) {
        return load(kid, KeyAlgorithm.RS256, publicX509, privatePkcs8, createdAtMicros);
    }

    private static void requireFormat(String actual, String expected) {
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException("key encoding is " + actual + ", expected " + expected);
        }
    }
}
