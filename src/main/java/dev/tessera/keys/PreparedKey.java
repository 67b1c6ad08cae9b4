package dev.tessera.keys;

import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link TokenSigner} precomputes per key: a provider-bound Nimbus signer and the encoded
 * header for every (alg, typ) pair. Immutable after construction, hence safe to share.
 */
final class PreparedKey {

    private static final String[] TYPS = {TokenSigner.TYP_JWT, TokenSigner.TYP_ACCESS_TOKEN};

    private final SigningKey key;
    private final RSASSASigner signer;
    /** base64url(header) + "." indexed by alg.ordinal() * TYPS.length + typIndex. */
    private final String[] headersWithDot;

    PreparedKey(SigningKey key, Provider provider) {
        this.key = key;
        this.signer = new RSASSASigner(key.privateKey());
        // With a provider set, Nimbus asks that provider for the Signature, so a provider-made key
        // meets a provider-made Signature and ACCP can use its native key directly.
        this.signer.getJCAContext().setProvider(provider);

        RsaAlgorithm[] algs = RsaAlgorithm.values();
        this.headersWithDot = new String[algs.length * TYPS.length];
        for (RsaAlgorithm alg : algs) {
            for (int t = 0; t < TYPS.length; t++) {
                headersWithDot[alg.ordinal() * TYPS.length + t] = encodeHeader(TYPS[t], alg, key.kid()) + '.';
            }
        }
    }

    SigningKey key() {
        return key;
    }

    RSASSASigner signer() {
        return signer;
    }

    String headerWithDot(RsaAlgorithm alg, int typIndex) {
        return headersWithDot[alg.ordinal() * TYPS.length + typIndex];
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

    private static String encodeHeader(String typ, RsaAlgorithm alg, String kid) {
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
