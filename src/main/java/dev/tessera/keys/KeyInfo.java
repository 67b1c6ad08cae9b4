package dev.tessera.keys;

import com.nimbusds.jose.jwk.JWK;

/**
 * A signing key as the management API shows it: its public half and its schedule, never the
 * private part. Times are microseconds since the epoch; {@code retiresAt} and {@code removesAt}
 * are null while not scheduled.
 */
public record KeyInfo(String kid, KeyAlgorithm alg, KeyState state, long createdAt, long activatesAt, Long retiresAt,
                      Long removesAt, JWK publicJwk) {
}
