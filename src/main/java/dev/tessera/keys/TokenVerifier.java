package dev.tessera.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import java.text.ParseException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies compact JWS tokens signed by {@link TokenSigner}, e.g. for token introspection.
 *
 * <p>Checks, in order: size and shape, header parse, an allowed RSA algorithm (so {@code none},
 * HMAC and anything unexpected are refused before any key is touched), a kid the lookup knows,
 * then the signature with the {@link CryptoProvider}. Only signature validity is checked here;
 * expiry, issuer and audience are the caller's business.
 *
 * <p>Never throws on bad input: every failure is an empty result, logged at debug without the
 * token itself (it is a bearer credential). Thread-safe if the lookup is.
 */
public final class TokenVerifier {

    /** Longer inputs are refused unparsed; real tokens are a few hundred bytes to a few KiB. */
    public static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(TokenVerifier.class);

    private final CryptoProvider crypto;
    private final Function<String, SigningKey> keyLookup;
    private final Set<RsaAlgorithm> allowed;

    /** Accepts all six RSA algorithms. */
    public TokenVerifier(CryptoProvider crypto, Function<String, SigningKey> keyLookup) {
        this(crypto, keyLookup, Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512"));
    }

    /**
     * @param keyLookup   kid to key, or {@code null} when the kid is unknown
     * @param allowedAlgs the algorithms accepted, each one of RS256 RS384 RS512 PS256 PS384 PS512
     */
    public TokenVerifier(CryptoProvider crypto, Function<String, SigningKey> keyLookup, Set<String> allowedAlgs) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.keyLookup = Objects.requireNonNull(keyLookup, "keyLookup");
        EnumSet<RsaAlgorithm> algs = EnumSet.noneOf(RsaAlgorithm.class);
        for (String alg : allowedAlgs) {
            algs.add(RsaAlgorithm.fromJoseName(alg));
        }
        if (algs.isEmpty()) {
            throw new IllegalArgumentException("at least one algorithm must be allowed");
        }
        this.allowed = Collections.unmodifiableSet(algs);
    }

    /**
     * Returns the token's claims if its signature is valid under a known key and an allowed
     * algorithm; empty for anything else, including malformed input. Numbers come back as Long
     * or Double.
     */
    public Optional<Map<String, Object>> verify(String token) {
        try {
            return Optional.ofNullable(verifyOrNull(token));
        } catch (RuntimeException e) {
            // Includes failures inside the caller's lookup: introspection must answer "inactive".
            LOG.debug("token rejected: unexpected {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private Map<String, Object> verifyOrNull(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH || dots(token) != 2) {
            return reject("not a compact JWS");
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(token);
        } catch (ParseException e) {
            // Also where alg "none" ends: it is not a JWS algorithm, so the header does not parse.
            return reject("unparseable JWS");
        }
        JWSHeader header = jws.getHeader();
        RsaAlgorithm alg = RsaAlgorithm.lookup(header.getAlgorithm().getName());
        if (alg == null || !allowed.contains(alg)) {
            return reject("algorithm not allowed");
        }
        String kid = header.getKeyID();
        SigningKey key = kid == null ? null : keyLookup.apply(kid);
        if (key == null) {
            return reject("unknown kid");
        }
        try {
            RSASSAVerifier verifier = new RSASSAVerifier(key.publicKey());
            verifier.getJCAContext().setProvider(crypto.signatureProvider());
            if (!jws.verify(verifier)) {
                return reject("bad signature");
            }
        } catch (JOSEException e) {
            return reject("signature check failed");
        }
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        if (claims == null) {
            return reject("payload is not a JSON object");
        }
        return Collections.unmodifiableMap(claims);
    }

    private static int dots(String token) {
        int n = 0;
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                n++;
            }
        }
        return n;
    }

    private static Map<String, Object> reject(String reason) {
        LOG.debug("token rejected: {}", reason);
        return null;
    }
}
