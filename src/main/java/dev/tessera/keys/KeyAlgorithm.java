package dev.tessera.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;

import java.util.Arrays;
import java.util.List;

/**
 * The JWS algorithms Tessera signs with: RSA PKCS#1 v1.5 (RS*) and PSS (PS*), ECDSA on P-256 and
 * P-384 (ES256, ES384) and EdDSA on Ed25519. Anything else, notably {@code none} and HMAC, is
 * deliberately absent.
 */
public enum KeyAlgorithm {
    RS256(JWSAlgorithm.RS256, KeyFamily.RSA),
    RS384(JWSAlgorithm.RS384, KeyFamily.RSA),
    RS512(JWSAlgorithm.RS512, KeyFamily.RSA),
    PS256(JWSAlgorithm.PS256, KeyFamily.RSA),
    PS384(JWSAlgorithm.PS384, KeyFamily.RSA),
    PS512(JWSAlgorithm.PS512, KeyFamily.RSA),
    ES256(JWSAlgorithm.ES256, KeyFamily.EC_P256),
    ES384(JWSAlgorithm.ES384, KeyFamily.EC_P384),
    EdDSA(JWSAlgorithm.EdDSA, KeyFamily.ED25519);

    /** The JOSE names, in declaration order. */
    public static final List<String> NAMES = Arrays.stream(values()).map(KeyAlgorithm::joseName).toList();

    private final JWSAlgorithm jws;
    private final KeyFamily family;
    // Nimbus signers only read the algorithm from the header they are given; one shared header per
    // algorithm avoids building a JWSHeader on every signature.
    private final JWSHeader algorithmOnlyHeader;

    KeyAlgorithm(JWSAlgorithm jws, KeyFamily family) {
        this.jws = jws;
        this.family = family;
        this.algorithmOnlyHeader = new JWSHeader(jws);
    }

    /** The JOSE name, e.g. {@code "RS256"}. */
    public String joseName() {
        return jws.getName();
    }

    /** The Nimbus algorithm constant. */
    public JWSAlgorithm jwsAlgorithm() {
        return jws;
    }

    /** The kind of key this algorithm needs. */
    public KeyFamily family() {
        return family;
    }

    JWSHeader algorithmOnlyHeader() {
        return algorithmOnlyHeader;
    }

    /**
     * Parses a JOSE algorithm name (case-sensitive, as JOSE names are).
     *
     * @throws IllegalArgumentException for {@code null} or any name Tessera does not sign with
     */
    public static KeyAlgorithm fromJoseName(String name) {
        KeyAlgorithm alg = lookup(name);
        if (alg == null) {
            throw new IllegalArgumentException("Unsupported signing algorithm: " + name
                    + " (expected one of " + String.join(" ", NAMES) + ")");
        }
        return alg;
    }

    /** Like {@link #fromJoseName} but returns {@code null} instead of throwing. */
    public static KeyAlgorithm lookup(String name) {
        if (name == null) {
            return null;
        }
        for (KeyAlgorithm a : values()) {
            if (a.joseName().equals(name)) {
                return a;
            }
        }
        return null;
    }
}
