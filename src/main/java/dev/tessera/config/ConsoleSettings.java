package dev.tessera.config;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The web console's sessions. See docs/CONSOLE.md and SECURITY.md, "Web console".
 *
 * @param sessionIdle     a session not used for this long ends ({@code TESSERA_CONSOLE_SESSION_IDLE_SECONDS})
 * @param sessionLifetime a session ends this long after sign-in however busy it is
 *                        ({@code TESSERA_CONSOLE_SESSION_MAX_SECONDS})
 */
public record ConsoleSettings(Duration sessionIdle, Duration sessionLifetime) {
    static final String IDLE = "TESSERA_CONSOLE_SESSION_IDLE_SECONDS";
    static final String MAX = "TESSERA_CONSOLE_SESSION_MAX_SECONDS";

    public static ConsoleSettings defaults() {
        return new ConsoleSettings(Duration.ofMinutes(30), Duration.ofHours(8));
    }

    static Set<String> names() {
        return Set.of(IDLE, MAX);
    }

    static ConsoleSettings from(Map<String, String> env) {
        ConsoleSettings d = defaults();
        Duration idle = read(env, IDLE, 60, 86_400).map(Duration::ofSeconds).orElse(d.sessionIdle);
        Duration max = read(env, MAX, 300, 30 * 86_400).map(Duration::ofSeconds).orElse(d.sessionLifetime);
        if (idle.compareTo(max) > 0) {
            throw new ConfigException(IDLE + " (" + idle.toSeconds() + ") must not exceed " + MAX + " (" + max.toSeconds() + ")");
        }
        return new ConsoleSettings(idle, max);
    }

    private static java.util.Optional<Long> read(Map<String, String> env, String name, long min, long max) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n < min || n > max) {
                throw new ConfigException(name + " must be between " + min + " and " + max + ", not " + n);
            }
            return java.util.Optional.of(n);
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, not '" + v.strip() + "'");
        }
    }
}
