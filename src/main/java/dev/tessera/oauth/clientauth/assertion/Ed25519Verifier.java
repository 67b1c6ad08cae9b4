package dev.tessera.oauth.clientauth.assertion;

import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.SignedJWT;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/**
 * EdDSA (Ed25519, RFC 8037) signatures checked with the JDK's own implementation: Nimbus JOSE's
 * Ed25519 verifier needs the Tink library, which Tessera does not ship.
 */
final class Ed25519Verifier {
    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4), followed by the 32-byte key. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private Ed25519Verifier() {
    }

    static boolean verify(SignedJWT jwt, OctetKeyPair key) {
        byte[] x = key.getX().decode();
        if (x.length != 32) {
            return false;
        }
        byte[] der = new byte[SPKI_PREFIX.length + 32];
        System.arraycopy(SPKI_PREFIX, 0, der, 0, SPKI_PREFIX.length);
        System.arraycopy(x, 0, der, SPKI_PREFIX.length, 32);
        try {
            PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey);
            signature.update(jwt.getSigningInput());
            return signature.verify(jwt.getSignature().decode());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a malformed key or signature verifies nothing
        }
    }
}
