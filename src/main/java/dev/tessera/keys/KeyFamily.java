package dev.tessera.keys;

import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;

/**
 * The kinds of key pair Tessera signs with. Each JWS algorithm belongs to one family, and a key
 * of one family never signs for another (an RSA key cannot make an ES256 signature).
 */
public enum KeyFamily {
    RSA("RSA", null, "RSA"),
    EC_P256("EC", "secp256r1", "EC"),
    EC_P384("EC", "secp384r1", "EC"),
    ED25519("Ed25519", null, "OKP");

    private final String jcaName;
    private final String curve;
    private final String kty;

    KeyFamily(String jcaName, String curve, String kty) {
        this.jcaName = jcaName;
        this.curve = curve;
        this.kty = kty;
    }

    /** The JCA key algorithm: {@code RSA}, {@code EC} or {@code Ed25519}. */
    public String jcaName() {
        return jcaName;
    }

    /** The JWK {@code kty}: RSA, EC or OKP. */
    public String kty() {
        return kty;
    }

    /** Generation parameters: the named curve for EC, none for the others (RSA takes a size). */
    AlgorithmParameterSpec generationSpec() {
        return curve == null ? null : new ECGenParameterSpec(curve);
    }
}
