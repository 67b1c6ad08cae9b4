package dev.tessera.admintoken;

/**
 * A signed-in web console: the admin token it was opened with (read fresh, so a revoked or
 * changed token takes effect at once) and its times, in microseconds since the epoch.
 *
 * @param idHash     SHA-256 of the session id; the id itself exists only in the browser's cookie
 * @param expiresAt  the absolute end; the idle end is {@code lastSeenAt} plus the idle limit
 */
public record ConsoleSession(String idHash, AdminToken token, long createdAt, long lastSeenAt, long expiresAt) {
}
