package dev.tessera.keys;

import com.nimbusds.jose.jwk.JWK;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * One signing key of an auth server, bound to the JWS algorithm it is published and signs with:
 * immutable, with the private key object loaded through the {@link CryptoProvider} (see
 * {@link KeyPairs}) so signing takes the fast path.
 *
 * <p>{@link #toString()} never prints key material, so a {@code SigningKey} is safe to log.
 *
 * @param kid             key id, a UUID string (or an imported key's own), published in JWKS and in each token header
 * @param alg             the algorithm this key is published for in JWKS
 * @param publicKey       the public key (RSA, EC or Ed25519, matching {@code alg})
 * @param privateKey      the private key, created or loaded through the chosen provider
 * @param createdAtMicros creation time in microseconds since the epoch
 */
public record SigningKey(String kid, KeyAlgorithm alg, PublicKey publicKey, PrivateKey privateKey, long createdAtMicros) {

    public SigningKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(alg, "alg");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
        if (kid.isBlank()) {
            throw new IllegalArgumentException("kid must not be blank");
        }
        if (!familyMatches(alg.family(), publicKey.getAlgorithm()) || !familyMatches(alg.family(), privateKey.getAlgorithm())) {
            throw new IllegalArgumentException("key of kid " + kid + " is " + privateKey.getAlgorithm() + ", not a "
                    + alg.family().jcaName() + " key as " + alg.joseName() + " needs");
        }
        // A row whose halves come from different keys would sign tokens nobody can verify.
        if (privateKey instanceof RSAPrivateKey rsa && publicKey instanceof RSAPublicKey pub
                && !rsa.getModulus().equals(pub.getModulus())) {
            throw new IllegalArgumentException("private and public key of kid " + kid + " do not match");
        }
    }

    /** An RS256 key: the default algorithm, and the only kind there was before keys carried one. */
    public SigningKey(String kid, PublicKey publicKey, PrivateKey privateKey, long createdAtMicros) {
        this(kid, KeyAlgorithm.RS256, publicKey, privateKey, createdAtMicros);
    }

    private static boolean familyMatches(KeyFamily family, String jcaAlgorithm) {
        return switch (family) {
            case RSA -> "RSA".equalsIgnoreCase(jcaAlgorithm);
            case EC_P256, EC_P384 -> "EC".equalsIgnoreCase(jcaAlgorithm);
            // The JDK names Ed25519 keys "EdDSA" or "Ed25519" depending on how they were made.
            case ED25519 -> "Ed25519".equalsIgnoreCase(jcaAlgorithm) || "EdDSA".equalsIgnoreCase(jcaAlgorithm);
        };
    }

    /** The public JWK as published in JWKS: kty, use sig, kid, alg and the public parameters only. */
    public JWK publicJwk() {
        return publicJwk(alg);
    }

    /**
     * The public JWK announcing another algorithm of the same family (an RSA key signs any RS or
     * PS algorithm). Never contains private parameters.
     *
     * @throws IllegalArgumentException for an algorithm Tessera does not sign with, or of another family
     */
    public JWK publicJwk(String alg) {
        return publicJwk(compatible(KeyAlgorithm.fromJoseName(alg)));
    }

    private JWK publicJwk(KeyAlgorithm a) {
        return PublicJwks.of(kid, a, publicKey);
    }

    /** {@code other} when this key can sign with it, else an IllegalArgumentException. */
    KeyAlgorithm compatible(KeyAlgorithm other) {
        if (other.family() != alg.family()) {
            throw new IllegalArgumentException("key " + kid + " is a " + alg.family() + " key and cannot sign "
                    + other.joseName());
        }
        return other;
    }

    /** Modulus size in bits for RSA (e.g. 2048), the curve size for EC, 255 for Ed25519. */
    public int bits() {
        return switch (alg.family()) {
            case RSA -> ((RSAPublicKey) publicKey).getModulus().bitLength();
            case EC_P256, EC_P384 -> ((ECPublicKey) publicKey).getParams().getCurve().getField().getFieldSize();
            case ED25519 -> 255;
        };
    }

    // Records compare components with equals(); a private key's equals() may encode the key, and
    // identity of a kid is what callers mean anyway.
    @Override
    public boolean equals(Object o) {
        return o instanceof SigningKey other
                && kid.equals(other.kid)
                && alg == other.alg
                && createdAtMicros == other.createdAtMicros
                && Arrays.equals(publicKey.getEncoded(), other.publicKey.getEncoded());
    }

    @Override
    public int hashCode() {
        return kid.hashCode();
    }

    /** Describes the key without any key material. */
    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", " + alg.joseName() + ", " + alg.family() + "-" + bits()
                + ", createdAtMicros=" + createdAtMicros + "]";
    }
}
