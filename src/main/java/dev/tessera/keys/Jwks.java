package dev.tessera.keys;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders a JSON Web Key Set ({@code {"keys":[...]}}) of public signing keys for the
 * {@code jwks_uri} endpoint. Only public parameters (kty, use, kid, alg, and n/e, crv/x/y or crv/x)
 * are ever written.
 */
public final class Jwks {

    /**
     * One published key and the algorithm it signs with.
     *
     * @param key the signing key (only its public half is rendered)
     * @param alg an algorithm of the key's family
     */
    public record Entry(SigningKey key, String alg) {
        public Entry {
            Objects.requireNonNull(key, "key");
            key.compatible(KeyAlgorithm.fromJoseName(alg));
        }
    }

    private Jwks() {
    }

    /** The JWKS as a Nimbus object, public keys only, in the given order. */
    public static JWKSet toJwkSet(List<Entry> entries) {
        List<JWK> jwks = new ArrayList<>(entries.size());
        java.util.Set<String> kids = new java.util.HashSet<>();
        for (Entry e : entries) {
            // One key per kid: a verifier that finds two picks either, and one of them would be wrong.
            if (!kids.add(e.key().kid())) {
                throw new IllegalArgumentException("kid " + e.key().kid() + " is published twice");
            }
            jwks.add(e.key().publicJwk(e.alg()));
        }
        return new JWKSet(jwks);
    }

    /** The JWKS of keys published with their own algorithms. */
    public static String renderKeys(List<SigningKey> keys) {
        return render(keys.stream().map(k -> new Entry(k, k.alg().joseName())).toList());
    }

    /**
     * The JWKS JSON string. The keys are built from public keys only, and rendering again with
     * {@code publicKeysOnly=true} makes that a second, independent guarantee.
     */
    public static String render(List<Entry> entries) {
        return toJwkSet(entries).toString(true);
    }
}
