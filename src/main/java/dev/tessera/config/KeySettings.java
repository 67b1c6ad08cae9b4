package dev.tessera.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of signing-key rotation and of the master key's file.
 *
 * @param leadTime        how long a new key is published in JWKS before it signs
 *                        ({@code TESSERA_KEY_LEAD_TIME_SECONDS}); must exceed every cache lifetime we announce
 * @param jwksMaxAge      the JWKS {@code Cache-Control: max-age} ({@code TESSERA_JWKS_MAX_AGE_SECONDS})
 * @param clockSkew       margin added to a retired key's last token expiry before it leaves JWKS
 *                        ({@code TESSERA_KEY_CLOCK_SKEW_SECONDS})
 * @param masterKeyFile   the master key's file ({@code TESSERA_MASTER_KEY_FILE}); empty means
 *                        {@code <data dir>/master.key}
 * @param masterKeyPrevious the previous master key during a rotation ({@code TESSERA_MASTER_KEY_PREVIOUS},
 *                          with {@code TESSERA_MASTER_KEY} set to the new one)
 */
public record KeySettings(Duration leadTime, Duration jwksMaxAge, Duration clockSkew, Optional<Path> masterKeyFile,
                          Optional<String> masterKeyPrevious) {

    /** The discovery document's max-age; fixed, and checked against the lead time like the JWKS's. */
    public static final Duration DISCOVERY_MAX_AGE = Duration.ofSeconds(60);

    public static final KeySettings DEFAULT = new KeySettings(Duration.ofHours(1), Duration.ofMinutes(5),
            Duration.ofMinutes(1), Optional.empty(), Optional.empty());

    public KeySettings {
        // A verifier that fetched JWKS (or discovery) just before a new key was published must
        // see that key before it signs, so every cache lifetime we announce is shorter than the lead time.
        if (jwksMaxAge.compareTo(leadTime) >= 0 || DISCOVERY_MAX_AGE.compareTo(leadTime) >= 0) {
            throw new ConfigException("TESSERA_JWKS_MAX_AGE_SECONDS (" + jwksMaxAge.toSeconds() + ") and the discovery "
                    + "max-age (" + DISCOVERY_MAX_AGE.toSeconds() + ") must be shorter than TESSERA_KEY_LEAD_TIME_SECONDS ("
                    + leadTime.toSeconds() + "), or a gateway could meet a token signed by a key it has not fetched");
        }
    }

    /** The master key file: {@code TESSERA_MASTER_KEY_FILE}, else {@code master.key} in the data directory. */
    public Path masterKeyFileIn(Path dataDir) {
        return masterKeyFile.orElse(dataDir.resolve("master.key"));
    }

    static Set<String> names() {
        return Set.of("TESSERA_KEY_LEAD_TIME_SECONDS", "TESSERA_JWKS_MAX_AGE_SECONDS", "TESSERA_KEY_CLOCK_SKEW_SECONDS",
                "TESSERA_MASTER_KEY_FILE", "TESSERA_MASTER_KEY_PREVIOUS");
    }

    static KeySettings from(Map<String, String> env) {
        Duration lead = seconds(env, "TESSERA_KEY_LEAD_TIME_SECONDS", 1, 30 * 86_400, DEFAULT.leadTime);
        Duration maxAge = seconds(env, "TESSERA_JWKS_MAX_AGE_SECONDS", 0, 86_400, DEFAULT.jwksMaxAge);
        Duration skew = seconds(env, "TESSERA_KEY_CLOCK_SKEW_SECONDS", 0, 3_600, DEFAULT.clockSkew);
        Optional<Path> file = Optional.ofNullable(env.get("TESSERA_MASTER_KEY_FILE")).map(String::strip)
                .filter(s -> !s.isEmpty()).map(Path::of);
        Optional<String> previous = Optional.ofNullable(env.get("TESSERA_MASTER_KEY_PREVIOUS")).map(String::strip)
                .filter(v -> !v.isEmpty());
        return new KeySettings(lead, maxAge, skew, file, previous);
    }

    private static Duration seconds(Map<String, String> env, String name, int min, int max, Duration fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n < min || n > max) {
                throw new ConfigException(name + " must be between " + min + " and " + max + ", not " + n);
            }
            return Duration.ofSeconds(n);
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number of seconds, not '" + v + "'");
        }
    }
}
