package dev.tessera.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Limits on failed client authentication (online guessing of client secrets) and on the slow
 * hash checks of operator-supplied secrets. See SECURITY.md, "Client authentication and online guessing".
 *
 * @param failuresPerSource   failed authentications one source address may make in a window before it gets 429
 * @param failuresPerClient   failed authentications for one client id (from all sources) in a window, after which
 *                            only sources that recently authenticated as that client may still try
 * @param window              length of the counting window; also how long a blocked source or client stays blocked at most
 * @param slowHashConcurrency how many slow (PBKDF2) secret checks may run at once
 * @param slowHashWait        how long a request waits for a slow-check permit before it gets 503
 */
public record ClientAuthLimits(int failuresPerSource, int failuresPerClient, Duration window,
                               int slowHashConcurrency, Duration slowHashWait) {

    static final String PER_SOURCE = "TESSERA_AUTH_FAILURES_PER_SOURCE";
    static final String PER_CLIENT = "TESSERA_AUTH_FAILURES_PER_CLIENT";
    static final String WINDOW = "TESSERA_AUTH_FAILURE_WINDOW_SECONDS";
    static final String CONCURRENCY = "TESSERA_SLOW_HASH_CONCURRENCY";
    static final String WAIT = "TESSERA_SLOW_HASH_WAIT_MS";

    /** Half the cores (at least one): the other half keeps issuing tokens while guesses are checked. */
    public static int defaultSlowHashConcurrency() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    public static ClientAuthLimits defaults() {
        return new ClientAuthLimits(30, 100, Duration.ofSeconds(60), defaultSlowHashConcurrency(), Duration.ofMillis(1000));
    }

    static ClientAuthLimits from(Map<String, String> env) {
        ClientAuthLimits d = defaults();
        return new ClientAuthLimits(
                read(env, PER_SOURCE, 1, 1_000_000).orElse(d.failuresPerSource),
                read(env, PER_CLIENT, 1, 1_000_000).orElse(d.failuresPerClient),
                read(env, WINDOW, 1, 86_400).map(s -> Duration.ofSeconds(s)).orElse(d.window),
                read(env, CONCURRENCY, 1, 1024).orElse(d.slowHashConcurrency),
                read(env, WAIT, 0, 60_000).map(ms -> Duration.ofMillis(ms)).orElse(d.slowHashWait));
    }

    private static Optional<Integer> read(Map<String, String> env, String name, int min, int max) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min || n > max) {
                throw new ConfigException(name + " must be between " + min + " and " + max + ", not " + n);
            }
            return Optional.of(n);
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, not '" + v.strip() + "'");
        }
    }

    static Set<String> names() {
        return Set.of(PER_SOURCE, PER_CLIENT, WINDOW, CONCURRENCY, WAIT);
    }
}
