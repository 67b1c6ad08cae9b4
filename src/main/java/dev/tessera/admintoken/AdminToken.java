package dev.tessera.admintoken;

import java.util.Locale;
import java.util.UUID;

/**
 * An admin token as the API and the CLI show it: never its value or hash.
 *
 * @param lastUsedAt microseconds since the epoch, recorded at most once a minute; null when never used
 */
public record AdminToken(UUID id, String name, boolean readOnly, Source source, long createdAt, Long lastUsedAt) {

    /** Where a token came from; tokens from {@code TESSERA_ADMIN_TOKEN} follow the variable. */
    public enum Source {
        ENV, BOOTSTRAP, CLI, API;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Source of(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
