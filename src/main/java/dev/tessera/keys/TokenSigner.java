package dev.tessera.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs JWTs (compact JWS) with a {@link SigningKey}.
 *
 * <p>The header is exactly {@code {"typ":..,"alg":..,"kid":..}}. It depends only on key, alg and
 * typ, so it is encoded once per key and reused; the per-call work is one JSON serialisation of
 * the claims, one base64url pass, and the signature itself (which dominates by far). RSA and ECDSA
 * signing is done by Nimbus signers bound to the {@link CryptoProvider}, Ed25519 by the provider's
 * {@code Signature} directly; signers are thread-safe and cached per kid.
 *
 * <p>Claims are serialised with Nimbus' {@link JSONObjectUtils} (its shaded Gson) straight from the
 * map and base64url-encoded by the JDK: about 1.2 µs for eight typical claims, against 2.2 µs for
 * {@code new Payload(map).toBase64URL()} (Nimbus' slower base64) and 3.6–4.1 µs for going through
 * {@code JWTClaimsSet} (which copies the map and converts {@code exp}/{@code iat}/{@code nbf} to
 * {@code Date} and back). See {@code PayloadEncodingCostTest}. Either way it is under 1% of an RSA
 * signature, so correctness of JSON types weighed more than the last microsecond.
 *
 * <p>Thread-safe; meant to be a long-lived singleton.
 */
public final class TokenSigner {

    /** Default token type. */
    public static final String TYP_JWT = "JWT";
    /** Token type of OAuth 2.0 JWT access tokens (RFC 9068). */
    public static final String TYP_ACCESS_TOKEN = "at+jwt";

    // Keys are few (a handful per auth server); the bound only guards against unbounded growth
    // if callers keep rotating without calling forget().
    private static final int MAX_CACHED_KEYS = 4096;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final CryptoProvider crypto;
    private final ConcurrentHashMap<String, PreparedKey> prepared = new ConcurrentHashMap<>();

    public TokenSigner(CryptoProvider crypto) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
    }

    /** Signs with typ {@value #TYP_JWT}. */
    public String sign(SigningKey key, String alg, Map<String, Object> claims) {
        return sign(key, alg, TYP_JWT, claims);
    }

    /**
     * Signs with the key's own algorithm, the one its JWKS entry announces: what every issuer
     * path should use, since an auth server's configured algorithm runs ahead of its active key
     * while a rotation to a new algorithm is under way.
     */
    public String signToken(SigningKey key, String typ, Map<String, Object> claims) {
        return sign(key, key.alg().joseName(), typ, claims);
    }

    /** {@link #signToken} for a Nimbus claims set (dates become NumericDate seconds). */
    public String sign(SigningKey key, String typ, JWTClaimsSet claims) {
        return signToken(key, typ, claims.toJSONObject());
    }

    /**
     * Signs {@code claims} as a compact JWS.
     *
     * @param key    the signing key; its kid goes into the header
     * @param alg    an algorithm of the key's family (any RS/PS one for an RSA key; ES256, ES384 or
     *               EdDSA for those keys)
     * @param typ    {@value #TYP_JWT} (also when {@code null}) or {@value #TYP_ACCESS_TOKEN}
     * @param claims values must be String, Number, Boolean, null, List or Map (nested likewise);
     *               they keep their JSON types
     * @return {@code header.payload.signature}
     * @throws IllegalArgumentException for an unsupported alg, typ or claim value type
     * @throws IllegalStateException    if the provider fails to sign
     */
    public String sign(SigningKey key, String alg, String typ, Map<String, Object> claims) {
        Objects.requireNonNull(key, "key");
        KeyAlgorithm algorithm = KeyAlgorithm.fromJoseName(alg);
        int typIndex = PreparedKey.typIndex(typ == null ? TYP_JWT : typ);
        ClaimValues.requireJsonCompatible(claims);

        PreparedKey p = prepare(key);
        String header = p.headerWithDot(algorithm, typIndex);
        String payload = BASE64URL.encodeToString(
                JSONObjectUtils.toJSONString(claims).getBytes(StandardCharsets.UTF_8));
        String signingInput = header + payload;
        try {
            String signature = p.sign(algorithm, signingInput.getBytes(StandardCharsets.US_ASCII)).toString();
            return signingInput + '.' + signature;
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with kid " + key.kid() + " (" + alg + ") failed in "
                    + crypto.name() + ": " + e.getMessage(), e);
        }
    }

    /** Drops the cached signer of a retired key. Optional: a changed key is detected anyway. */
    public void forget(String kid) {
        prepared.remove(kid);
    }

    private PreparedKey prepare(SigningKey key) {
        PreparedKey p = prepared.get(key.kid());
        if (p != null && (p.key() == key || p.key().equals(key))) {
            return p;
        }
        p = new PreparedKey(key, crypto.providerFor(key.alg().family()));
        if (prepared.size() >= MAX_CACHED_KEYS) {
            prepared.clear();
        }
        prepared.put(key.kid(), p);
        return p;
    }
}
