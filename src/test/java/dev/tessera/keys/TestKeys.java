package dev.tessera.keys;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Shared fixtures: both providers, and keys cached per provider because RSA key generation is slow. */
final class TestKeys {

    private static final Map<String, SigningKey> KEYS = new ConcurrentHashMap<>();

    private TestKeys() {
    }

    /** The native provider (or its fallback where ACCP is absent) and the forced JDK provider. */
    static Stream<CryptoProvider> providers() {
        return Stream.of(CryptoProvider.detect(true), CryptoProvider.detect(false));
    }

    static List<CryptoProvider> providerList() {
        return providers().toList();
    }

    /** A signing key generated through {@code crypto}; {@code slot} picks one of several per provider. */
    static SigningKey key(CryptoProvider crypto, String slot) {
        return KEYS.computeIfAbsent(crypto.name() + "/" + slot,
                k -> new KeyPairs(crypto).generateSigningKey(1_700_000_000_000_000L));
    }

    /** A key of {@code alg}'s own, generated through {@code crypto}. */
    static SigningKey keyFor(CryptoProvider crypto, KeyAlgorithm alg) {
        return KEYS.computeIfAbsent(crypto.name() + "/alg/" + alg,
                k -> new KeyPairs(crypto).generateSigningKey(alg, 1_700_000_000_000_000L));
    }

    static SigningKey key(CryptoProvider crypto) {
        return key(crypto, "main");
    }

    static Map<String, Object> sampleClaims() {
        return Map.of(
                "iss", "https://auth.example.test/as/1",
                "sub", "client-42",
                "aud", List.of("https://api.example.test"),
                "iat", 1_700_000_000L,
                "exp", 1_700_003_600L,
                "jti", "7f1c6a0e-8a55-4d4e-9d0f-3f4d2f0c9b11",
                "scope", "read write",
                "client_id", "client-42");
    }
}
