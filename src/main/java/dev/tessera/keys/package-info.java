/**
 * RSA signing keys of Tessera's auth servers: generation and encoding ({@link dev.tessera.keys.RsaKeyPairs}),
 * encryption at rest ({@link dev.tessera.keys.KeyEncryption}), JWT signing and verification
 * ({@link dev.tessera.keys.TokenSigner}, {@link dev.tessera.keys.TokenVerifier}), JWKS rendering
 * ({@link dev.tessera.keys.Jwks}) and the choice of a native or JDK crypto provider
 * ({@link dev.tessera.keys.CryptoProvider}).
 *
 * <p>Pure classes: no database or HTTP code. Nothing here logs key material.
 */
package dev.tessera.keys;
