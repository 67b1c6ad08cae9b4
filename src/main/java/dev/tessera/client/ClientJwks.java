package dev.tessera.client;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A client's public keys for {@code private_key_jwt} (RFC 7523 §2.2), as a JWK Set (RFC 7517 §5).
 * Registered sets ({@code jwks}) are checked strictly: a key that could not verify a signature,
 * or that carries private parts, is an error the operator must see. Sets fetched from a
 * {@code jwks_uri} are read leniently: keys Tessera cannot use are skipped, as the owner of the
 * URL may publish keys for other purposes too.
 */
public final class ClientJwks {
    /** Limits on a registered set; a fetched document is limited by size instead. */
    public static final int MAX_CHARS = 16 * 1024;
    public static final int MAX_KEYS = 20;
    static final int MIN_RSA_BITS = 2048;
    private static final Set<Curve> EC_CURVES = Set.of(Curve.P_256, Curve.P_384, Curve.P_521);

    private ClientJwks() {
    }

    /** Why a registered set is refused; the message completes "jwks ...". */
    public static final class InvalidJwks extends Exception {
        public InvalidJwks(String message) {
            super(message);
        }
    }

    /**
     * Parses a registered {@code jwks} and returns it in stored form (public members only).
     *
     * @throws InvalidJwks naming the problem: not a JWK Set, a private or symmetric key, a weak or
     *                     unsupported key, duplicate {@code kid}s, or too many keys
     */
    public static JWKSet parseRegistered(String json) throws InvalidJwks {
        if (json.length() > MAX_CHARS) {
            throw new InvalidJwks("must be at most " + MAX_CHARS + " characters of JSON");
        }
        JWKSet set;
        try {
            set = JWKSet.parse(json);
        } catch (ParseException e) {
            throw new InvalidJwks("is not a valid JWK Set: " + e.getMessage());
        }
        List<JWK> keys = set.getKeys();
        if (keys.isEmpty()) {
            throw new InvalidJwks("must hold at least one key in 'keys'");
        }
        if (keys.size() > MAX_KEYS) {
            throw new InvalidJwks("must hold at most " + MAX_KEYS + " keys");
        }
        Set<String> kids = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            JWK key = keys.get(i);
            String problem = problem(key);
            if (problem != null) {
                throw new InvalidJwks("key " + i + (key.getKeyID() == null ? "" : " ('" + key.getKeyID() + "')") + " " + problem);
            }
            if (key.getKeyID() != null && !kids.add(key.getKeyID())) {
                throw new InvalidJwks("has two keys with kid '" + key.getKeyID() + "'");
            }
        }
        return set.toPublicJWKSet();
    }

    /** The usable public signature keys of a fetched document; the rest is skipped. */
    public static JWKSet parseFetched(String json) throws ParseException {
        List<JWK> usable = new ArrayList<>();
        for (JWK key : JWKSet.parse(json).getKeys()) {
            JWK publicPart = key.toPublicJWK(); // null for a symmetric key
            if (publicPart != null && problem(publicPart) == null) {
                usable.add(publicPart);
            }
        }
        return new JWKSet(usable);
    }

    /** A registered set in its stored form, read back; the set was checked when it was saved. */
    public static JWKSet stored(String json) {
        try {
            return JWKSet.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("a stored client JWK Set does not parse", e);
        }
    }

    private static String problem(JWK key) {
        if (key.isPrivate()) {
            return "has private key parts: register public keys only";
        }
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return "has use '" + key.getKeyUse().identifier() + "'; only 'sig' keys verify client assertions";
        }
        KeyType type = key.getKeyType();
        if (KeyType.RSA.equals(type)) {
            int bits = ((RSAKey) key).getModulus().decode().length * 8;
            return bits < MIN_RSA_BITS ? "is an RSA key of " + bits + " bits; at least " + MIN_RSA_BITS + " are required" : null;
        }
        if (KeyType.EC.equals(type)) {
            return EC_CURVES.contains(((ECKey) key).getCurve()) ? null : "uses an unsupported curve (P-256, P-384 or P-521)";
        }
        if (KeyType.OKP.equals(type)) {
            return Curve.Ed25519.equals(((OctetKeyPair) key).getCurve()) ? null : "uses an unsupported curve (Ed25519 only)";
        }
        return "has key type '" + type + "'; only RSA, EC and OKP (Ed25519) public keys are accepted";
    }
}
