package dev.tessera.keys;

import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;

/**
 * One RSA signing key of an auth server: immutable, with the private key object loaded through
 * the {@link CryptoProvider} (see {@link RsaKeyPairs}) so signing takes the fast path.
 *
 * <p>{@link #toString()} never prints key material, so a {@code SigningKey} is safe to log.
 *
 * @param kid             key id, a UUID string, published in JWKS and in each token header
 * @param publicKey       the RSA public key
 * @param privateKey      the RSA private key, created or loaded through the chosen provider
 * @param createdAtMicros creation time in microseconds since the epoch
 */
public record SigningKey(String kid, RSAPublicKey publicKey, PrivateKey privateKey, long createdAtMicros) {

    public SigningKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
        if (kid.isBlank()) {
            throw new IllegalArgumentException("kid must not be blank");
        }
        if (!"RSA".equalsIgnoreCase(privateKey.getAlgorithm())) {
            throw new IllegalArgumentException("private key is not RSA: " + privateKey.getAlgorithm());
        }
        // A row whose halves come from different keys would sign tokens nobody can verify.
        if (privateKey instanceof RSAPrivateKey rsa && !rsa.getModulus().equals(publicKey.getModulus())) {
            throw new IllegalArgumentException("private and public key of kid " + kid + " do not match");
        }
    }

    /**
     * The public JWK for this key as published in JWKS: kty RSA, use sig, kid, alg, n, e.
     * Never contains private parameters.
     *
     * @param alg one of RS256 RS384 RS512 PS256 PS384 PS512
     */
    public RSAKey publicJwk(String alg) {
        return new RSAKey.Builder(publicKey)
                .keyUse(KeyUse.SIGNATURE)
                .keyID(kid)
                .algorithm(RsaAlgorithm.fromJoseName(alg).jwsAlgorithm())
                .build();
    }

    /** Modulus size in bits, e.g. 2048. */
    public int bits() {
        return publicKey.getModulus().bitLength();
    }

    // Records compare components with equals(); a private key's equals() may encode the key, and
    // identity of a kid is what callers mean anyway.
    @Override
    public boolean equals(Object o) {
        return o instanceof SigningKey other
                && kid.equals(other.kid)
                && createdAtMicros == other.createdAtMicros
                && publicKey.getModulus().equals(other.publicKey.getModulus());
    }

    @Override
    public int hashCode() {
        return kid.hashCode();
    }

    /** Describes the key without any key material. */
    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", RSA-" + bits() + ", createdAtMicros=" + createdAtMicros + "]";
    }
}
