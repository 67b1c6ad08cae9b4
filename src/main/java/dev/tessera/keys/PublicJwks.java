package dev.tessera.keys;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

/** Public JWKs (RFC 7517, RFC 8037 for Ed25519) of signing keys: kty, use sig, kid, alg and public parameters only. */
public final class PublicJwks {
    /** Length of the X.509 prefix in front of an Ed25519 public key's 32 raw bytes (RFC 8410). */
    private static final int ED25519_X509_PREFIX = 12;

    private PublicJwks() {
    }

    public static JWK of(String kid, KeyAlgorithm alg, PublicKey publicKey) {
        return switch (alg.family()) {
            case RSA -> new RSAKey.Builder((RSAPublicKey) publicKey).keyUse(KeyUse.SIGNATURE).keyID(kid)
                    .algorithm(alg.jwsAlgorithm()).build();
            case EC_P256, EC_P384 -> new ECKey.Builder(alg.family() == KeyFamily.EC_P256 ? Curve.P_256 : Curve.P_384,
                    (ECPublicKey) publicKey).keyUse(KeyUse.SIGNATURE).keyID(kid).algorithm(alg.jwsAlgorithm()).build();
            case ED25519 -> new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(ed25519Raw(publicKey)))
                    .keyUse(KeyUse.SIGNATURE).keyID(kid).algorithm(alg.jwsAlgorithm()).build();
        };
    }

    /** The 32 bytes of an Ed25519 public key (the end of its X.509 encoding). */
    static byte[] ed25519Raw(PublicKey publicKey) {
        byte[] x509 = publicKey.getEncoded();
        return Arrays.copyOfRange(x509, ED25519_X509_PREFIX, x509.length);
    }
}
