package dev.tessera.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;

/**
 * The RSA JWS algorithms Tessera signs with: PKCS#1 v1.5 (RS*) and PSS (PS*), each with
 * SHA-256/384/512. Anything else, notably {@code none} and HMAC, is deliberately absent.
 */
public enum RsaAlgorithm {
    RS256(JWSAlgorithm.RS256),
    RS384(JWSAlgorithm.RS384),
    RS512(JWSAlgorithm.RS512),
    PS256(JWSAlgorithm.PS256),
    PS384(JWSAlgorithm.PS384),
    PS512(JWSAlgorithm.PS512);

    private final JWSAlgorithm jws;
    // Nimbus signers only read the algorithm from the header they are given; one shared header per
    // algorithm avoids building a JWSHeader on every signature.
    private final JWSHeader algorithmOnlyHeader;

    RsaAlgorithm(JWSAlgorithm jws) {
        this.jws = jws;
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

    JWSHeader algorithmOnlyHeader() {
        return algorithmOnlyHeader;
    }

    /**
     * Parses a JOSE algorithm name (case-sensitive, as JOSE names are).
     *
     * @throws IllegalArgumentException for {@code null} or any name outside the six RSA algorithms
     */
    public static RsaAlgorithm fromJoseName(String name) {
        RsaAlgorithm alg = lookup(name);
        if (alg == null) {
            throw new IllegalArgumentException("Unsupported signing algorithm: " + name
                    + " (expected one of RS256 RS384 RS512 PS256 PS384 PS512)");
        }
        return alg;
    }

    /** Like {@link #fromJoseName} but returns {@code null} instead of throwing. */
    public static RsaAlgorithm lookup(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "RS256" -> RS256;
            case "RS384" -> RS384;
            case "RS512" -> RS512;
            case "PS256" -> PS256;
            case "PS384" -> PS384;
            case "PS512" -> PS512;
            default -> null;
        };
    }
}
