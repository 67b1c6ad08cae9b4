package dev.tessera.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of key-based client authentication ({@code private_key_jwt}, {@code client_secret_jwt};
 * RFC 7523 §2.2). See CONFIGURATION.md and SECURITY.md, "Client authentication with signed assertions".
 *
 * @param maxLifetime     the longest {@code exp - iat} (or {@code exp - now} without {@code iat}) an assertion may have
 * @param clockSkew       tolerance for the client's clock on {@code exp}, {@code nbf} and {@code iat}
 * @param jwksCacheTtl    how long a document fetched from a client's {@code jwks_uri} is used before it is fetched again
 * @param jwksRefetchGap  the least time between two fetches of one {@code jwks_uri} forced by an unknown {@code kid}
 * @param jwksTimeout     connect and read timeout of one {@code jwks_uri} fetch
 * @param jwksMaxBytes    the largest {@code jwks_uri} document read
 * @param jwksAllowPrivateNetworks whether a {@code jwks_uri} may resolve to private, link-local and similar addresses
 */
public record ClientAssertionSettings(Duration maxLifetime, Duration clockSkew, Duration jwksCacheTtl,
                                      Duration jwksRefetchGap, Duration jwksTimeout, int jwksMaxBytes,
                                      boolean jwksAllowPrivateNetworks) {

    static final String MAX_LIFETIME = "TESSERA_CLIENT_ASSERTION_MAX_LIFETIME_SECONDS";
    static final String CLOCK_SKEW = "TESSERA_CLIENT_ASSERTION_CLOCK_SKEW_SECONDS";
    static final String CACHE = "TESSERA_JWKS_URI_CACHE_SECONDS";
    static final String REFETCH = "TESSERA_JWKS_URI_REFETCH_SECONDS";
    static final String TIMEOUT = "TESSERA_JWKS_URI_TIMEOUT_MS";
    static final String MAX_BYTES = "TESSERA_JWKS_URI_MAX_BYTES";
    static final String ALLOW_PRIVATE = "TESSERA_JWKS_URI_ALLOW_PRIVATE_NETWORKS";

    public static ClientAssertionSettings defaults() {
        return new ClientAssertionSettings(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofSeconds(30), Duration.ofSeconds(3), 64 * 1024, false);
    }

    static ClientAssertionSettings from(Map<String, String> env) {
        ClientAssertionSettings d = defaults();
        return new ClientAssertionSettings(
                read(env, MAX_LIFETIME, 10, 3600).map(Duration::ofSeconds).orElse(d.maxLifetime),
                read(env, CLOCK_SKEW, 0, 300).map(Duration::ofSeconds).orElse(d.clockSkew),
                read(env, CACHE, 0, 86_400).map(Duration::ofSeconds).orElse(d.jwksCacheTtl),
                read(env, REFETCH, 0, 3600).map(Duration::ofSeconds).orElse(d.jwksRefetchGap),
                read(env, TIMEOUT, 100, 30_000).map(Duration::ofMillis).orElse(d.jwksTimeout),
                read(env, MAX_BYTES, 1024, 1024 * 1024).map(Long::intValue).orElse(d.jwksMaxBytes),
                bool(env, ALLOW_PRIVATE).orElse(d.jwksAllowPrivateNetworks));
    }

    private static Optional<Long> read(Map<String, String> env, String name, long min, long max) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n < min || n > max) {
                throw new ConfigException(name + " must be between " + min + " and " + max + ", not " + n);
            }
            return Optional.of(n);
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, not '" + v.strip() + "'");
        }
    }

    private static Optional<Boolean> bool(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw new ConfigException(name + " must be true or false, not '" + v.strip() + "'");
        };
    }

    static Set<String> names() {
        return Set.of(MAX_LIFETIME, CLOCK_SKEW, CACHE, REFETCH, TIMEOUT, MAX_BYTES, ALLOW_PRIVATE);
    }
}
