/**
 * Signing keys of Tessera's auth servers: algorithms ({@link dev.tessera.keys.KeyAlgorithm}: RSA, ECDSA,
 * Ed25519), generation and encoding ({@link dev.tessera.keys.KeyPairs}), encryption at rest
 * ({@link dev.tessera.keys.KeyEncryption}), JWT signing and verification ({@link dev.tessera.keys.TokenSigner},
 * {@link dev.tessera.keys.TokenVerifier}), JWKS rendering ({@link dev.tessera.keys.Jwks}), the key lifecycle
 * and its schedule ({@link dev.tessera.keys.KeyLifecycle}, {@link dev.tessera.keys.KeyScheduler}), and the
 * choice of a native or JDK crypto provider ({@link dev.tessera.keys.CryptoProvider}).
 *
 * <p>Nothing here logs key material.
 */
package dev.tessera.keys;
