package dev.tessera.keys;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders a JSON Web Key Set ({@code {"keys":[...]}}) of public signing keys for the
 * {@code jwks_uri} endpoint. Only public parameters (kty, use, kid, alg, n, e) are ever written.
 */
public final class Jwks {

    /**
     * One published key and the algorithm it signs with.
     *
     * @param key the signing key (only its public half is rendered)
     * @param alg one of RS256 RS384 RS512 PS256 PS384 PS512
     */
    public record Entry(SigningKey key, String alg) {
        public Entry {
            Objects.requireNonNull(key, "key");
            RsaAlgorithm.fromJoseName(alg);
        }
    }

    private Jwks() {
    }

    /** The JWKS as a Nimbus object, public keys only, in the given order. */
    public static JWKSet toJwkSet(List<Entry> entries) {
        List<JWK> jwks = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            jwks.add(e.key().publicJwk(e.alg()));
        }
        return new JWKSet(jwks);
    }

    /**
     * The JWKS JSON string. The keys are built from public keys only, and rendering again with
     * {@code publicKeysOnly=true} makes that a second, independent guarantee.
     */
    public static String render(List<Entry> entries) {
        return toJwkSet(entries).toString(true);
    }
}
