package dev.tessera.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
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
 * <p>Checks, in order: size and shape, header parse, an allowed algorithm (so {@code none},
 * HMAC and anything unexpected are refused before any key is touched), a kid the lookup knows
 * whose own algorithm is the header's (a key published for RS256 never verifies a PS256 or ES256
 * token), then the signature with the {@link CryptoProvider}. Only signature validity is checked here;
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
    private final Set<KeyAlgorithm> allowed;

    /** Accepts every algorithm Tessera signs with (each key still only its own). */
    public TokenVerifier(CryptoProvider crypto, Function<String, SigningKey> keyLookup) {
        this(crypto, keyLookup, Set.copyOf(KeyAlgorithm.NAMES));
    }

    /**
     * @param keyLookup   kid to key, or {@code null} when the kid is unknown
     * @param allowedAlgs the algorithms accepted, each one of {@link KeyAlgorithm#NAMES}
     */
    public TokenVerifier(CryptoProvider crypto, Function<String, SigningKey> keyLookup, Set<String> allowedAlgs) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.keyLookup = Objects.requireNonNull(keyLookup, "keyLookup");
        EnumSet<KeyAlgorithm> algs = EnumSet.noneOf(KeyAlgorithm.class);
        for (String alg : allowedAlgs) {
            algs.add(KeyAlgorithm.fromJoseName(alg));
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
        return verifyWithKid(token).map(Verified::claims);
    }

    /** A verified token's claims and the kid of the key that signed it. */
    public record Verified(Map<String, Object> claims, String kid) {
    }

    /** Like {@link #verify}, also naming the key: a caller that remembers results must forget them when that key goes. */
    public Optional<Verified> verifyWithKid(String token) {
        try {
            return Optional.ofNullable(verifyOrNull(token));
        } catch (RuntimeException e) {
            // Includes failures inside the caller's lookup: introspection must answer "inactive".
            LOG.debug("token rejected: unexpected {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private Verified verifyOrNull(String token) {
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
        KeyAlgorithm alg = KeyAlgorithm.lookup(header.getAlgorithm().getName());
        if (alg == null || !allowed.contains(alg)) {
            return reject("algorithm not allowed");
        }
        String kid = header.getKeyID();
        SigningKey key = kid == null ? null : keyLookup.apply(kid);
        if (key == null) {
            return reject("unknown kid");
        }
        if (key.alg() != alg) {
            return reject("algorithm is not the key's");
        }
        try {
            if (!verifies(jws, key)) {
                return reject("bad signature");
            }
        } catch (JOSEException | GeneralSecurityException | RuntimeException e) {
            return reject("signature check failed");
        }
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        if (claims == null) {
            return reject("payload is not a JSON object");
        }
        return new Verified(Collections.unmodifiableMap(claims), kid);
    }

    private boolean verifies(JWSObject jws, SigningKey key) throws JOSEException, GeneralSecurityException {
        java.security.Provider provider = crypto.providerFor(key.alg().family());
        JWSVerifier verifier = switch (key.alg().family()) {
            case RSA -> new RSASSAVerifier((RSAPublicKey) key.publicKey());
            case EC_P256, EC_P384 -> new ECDSAVerifier((ECPublicKey) key.publicKey());
            case ED25519 -> null;
        };
        if (verifier != null) {
            verifier.getJCAContext().setProvider(provider);
            return jws.verify(verifier);
        }
        // Ed25519 through the JDK (Nimbus would need Google Tink): a 64-byte signature over the signing input.
        byte[] signature = jws.getSignature().decode();
        if (signature.length != 64) {
            return false;
        }
        Signature s = provider != null ? Signature.getInstance("Ed25519", provider) : Signature.getInstance("Ed25519");
        s.initVerify(key.publicKey());
        s.update(jws.getSigningInput());
        return s.verify(signature);
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

    private static Verified reject(String reason) {
        LOG.debug("token rejected: {}", reason);
        return null;
    }
}
