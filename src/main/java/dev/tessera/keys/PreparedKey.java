package dev.tessera.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link TokenSigner} precomputes per key: a provider-bound signer and the encoded header for
 * every (alg, typ) pair the key can sign. Immutable after construction, hence safe to share.
 */
final class PreparedKey {

    private static final String[] TYPS = {TokenSigner.TYP_JWT, TokenSigner.TYP_ACCESS_TOKEN};

    /** Signs a JWS signing input for one algorithm; the result is the base64url signature. */
    interface RawSigner {
        Base64URL sign(KeyAlgorithm alg, byte[] signingInput) throws JOSEException;
    }

    private final SigningKey key;
    private final RawSigner signer;
    /** base64url(header) + "." indexed by alg.ordinal() * TYPS.length + typIndex; null for algs of another family. */
    private final String[] headersWithDot;

    PreparedKey(SigningKey key, Provider provider) {
        this.key = key;
        this.signer = signerFor(key, provider);
        KeyAlgorithm[] algs = KeyAlgorithm.values();
        this.headersWithDot = new String[algs.length * TYPS.length];
        for (KeyAlgorithm alg : algs) {
            if (alg.family() != key.alg().family()) {
                continue;
            }
            for (int t = 0; t < TYPS.length; t++) {
                headersWithDot[alg.ordinal() * TYPS.length + t] = encodeHeader(TYPS[t], alg, key.kid()) + '.';
            }
        }
    }

    private static RawSigner signerFor(SigningKey key, Provider provider) {
        return switch (key.alg().family()) {
            case RSA, EC_P256, EC_P384 -> {
                JWSSigner nimbus;
                try {
                    nimbus = key.alg().family() == KeyFamily.RSA ? new RSASSASigner(key.privateKey())
                            : new ECDSASigner(key.privateKey(), key.alg().family() == KeyFamily.EC_P256 ? Curve.P_256 : Curve.P_384);
                } catch (JOSEException e) {
                    throw new IllegalArgumentException("key " + key.kid() + " cannot sign: " + e.getMessage(), e);
                }
                // With a provider set, Nimbus asks that provider for the Signature, so a provider-made key
                // meets a provider-made Signature and ACCP can use its native key directly.
                nimbus.getJCAContext().setProvider(provider);
                yield (alg, input) -> nimbus.sign(alg.algorithmOnlyHeader(), input);
            }
            // Nimbus signs Ed25519 only through Google Tink; the JDK (15+) has it natively, so it is used directly.
            case ED25519 -> (alg, input) -> {
                try {
                    Signature s = provider != null ? Signature.getInstance("Ed25519", provider) : Signature.getInstance("Ed25519");
                    s.initSign(key.privateKey());
                    s.update(input);
                    return Base64URL.encode(s.sign());
                } catch (GeneralSecurityException e) {
                    throw new JOSEException("Ed25519 signing failed: " + e.getMessage(), e);
                }
            };
        };
    }

    SigningKey key() {
        return key;
    }

    Base64URL sign(KeyAlgorithm alg, byte[] signingInput) throws JOSEException {
        return signer.sign(alg, signingInput);
    }

    /** The encoded header and dot; the algorithm must be of the key's family. */
    String headerWithDot(KeyAlgorithm alg, int typIndex) {
        String h = headersWithDot[alg.ordinal() * TYPS.length + typIndex];
        if (h == null) {
            key.compatible(alg); // throws, naming both
        }
        return h;
    }

    /** Index of a supported typ value; throws for anything else. */
    static int typIndex(String typ) {
        for (int i = 0; i < TYPS.length; i++) {
            if (TYPS[i].equals(typ)) {
                return i;
            }
        }
        throw new IllegalArgumentException("Unsupported token typ: " + typ + " (expected JWT or at+jwt)");
    }

    private static String encodeHeader(String typ, KeyAlgorithm alg, String kid) {
        // Insertion order gives the documented member order typ, alg, kid; JSON escaping of the kid
        // is left to the serialiser.
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", typ);
        header.put("alg", alg.joseName());
        header.put("kid", kid);
        byte[] json = JSONObjectUtils.toJSONString(header).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    }
}
