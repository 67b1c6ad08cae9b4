package dev.tessera.keys;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;

import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * Verifies a JWS the way an outside relying party does, from the published JWK alone: Nimbus's
 * own verifiers for RSA and EC, and for Ed25519 (Nimbus needs Google Tink for it) the JDK's
 * Ed25519 with the key rebuilt from the JWK's {@code x}, independently of Tessera's code.
 */
public final class JwksVerification {
    private static final byte[] ED25519_X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private JwksVerification() {
    }

    public static boolean verifies(JWSObject jws, JWK jwk) throws Exception {
        if (!jws.getHeader().getAlgorithm().equals(jwk.getAlgorithm())) {
            return false;
        }
        if (jwk instanceof RSAKey rsa) {
            return jws.verify(new RSASSAVerifier(rsa));
        }
        if (jwk instanceof ECKey ec) {
            return jws.verify(new ECDSAVerifier(ec));
        }
        OctetKeyPair okp = (OctetKeyPair) jwk;
        if (!Curve.Ed25519.equals(okp.getCurve())) {
            return false;
        }
        byte[] x = okp.getX().decode();
        byte[] spki = new byte[ED25519_X509_PREFIX.length + x.length];
        System.arraycopy(ED25519_X509_PREFIX, 0, spki, 0, ED25519_X509_PREFIX.length);
        System.arraycopy(x, 0, spki, ED25519_X509_PREFIX.length, x.length);
        Signature s = Signature.getInstance("Ed25519", "SunEC");
        s.initVerify(KeyFactory.getInstance("Ed25519", "SunEC").generatePublic(new X509EncodedKeySpec(spki)));
        s.update(jws.getSigningInput());
        return s.verify(jws.getSignature().decode());
    }
}
