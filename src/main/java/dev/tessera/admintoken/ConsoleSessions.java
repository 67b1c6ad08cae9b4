package dev.tessera.admintoken;

import dev.tessera.crypto.RandomStrings;
import dev.tessera.crypto.Sha256;
import dev.tessera.store.Jdbc;
import dev.tessera.store.Timestamps;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Web console sessions, opened with an admin token. The browser holds only a random 256-bit
 * session id (in an HttpOnly cookie); the database holds its hash, so sessions are shared by
 * every node and survive restarts. A session ends when idle for too long, at its absolute end,
 * at sign-out, or when its admin token is revoked (the row cascades away).
 *
 * <p>The CSRF token is an HMAC of the session id under a key derived from the master key: it
 * needs no storage, can be handed to the page again after a reload, and cannot be computed from
 * the database alone.
 */
public final class ConsoleSessions {
    /** The cookie that carries the session id; HttpOnly, SameSite=Strict, Path=/. */
    public static final String COOKIE = "tessera_console";
    /** The header that carries the CSRF token on every {@code /v1} call made with the cookie. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Last-use times are written at most this often per session, not on every request. */
    static final Duration TOUCH_RESOLUTION = Duration.ofSeconds(15);
    private static final int ID_BYTES = 32;
    /** Base64url of 32 bytes; anything else is not one of our ids and is refused without a lookup. */
    private static final int ID_LENGTH = 43;

    private final ConsoleSessionRepository repository;
    private final byte[] csrfKey;
    private final Duration idle;
    private final Duration lifetime;
    private final Clock clock;

    public ConsoleSessions(Jdbc jdbc, byte[] csrfKey, Duration idle, Duration lifetime, Clock clock) {
        this.repository = new ConsoleSessionRepository(jdbc);
        this.csrfKey = csrfKey.clone();
        this.idle = idle;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A new session and its id; the id is not kept anywhere, so only the cookie set now carries it. */
    public record Opened(String id, ConsoleSession session) {
    }

    public Opened open(AdminToken token) {
        long now = now();
        // Sign-in is rare: a good moment to drop the sessions that have ended since the last one.
        repository.deleteEnded(now, now - micros(idle));
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(RandomStrings.bytes(ID_BYTES));
        String hash = Sha256.base64Url(id);
        long expiresAt = now + micros(lifetime);
        repository.insert(hash, token.id(), now, expiresAt);
        return new Opened(id, new ConsoleSession(hash, token, now, now, expiresAt));
    }

    /** The live session an id names, its last use recorded; empty when unknown, ended or malformed. */
    public Optional<ConsoleSession> find(String id) {
        if (id == null || id.length() != ID_LENGTH) {
            return Optional.empty();
        }
        String hash = Sha256.base64Url(id);
        ConsoleSession session = repository.find(hash).orElse(null);
        if (session == null) {
            return Optional.empty();
        }
        long now = now();
        if (now >= session.expiresAt() || now >= session.lastSeenAt() + micros(idle)) {
            repository.delete(hash);
            return Optional.empty();
        }
        if (now - session.lastSeenAt() >= micros(TOUCH_RESOLUTION)) {
            repository.touch(hash, now);
            session = new ConsoleSession(hash, session.token(), session.createdAt(), now, session.expiresAt());
        }
        return Optional.of(session);
    }

    /** When the session ends if it is not used again: the earlier of its idle and absolute ends. */
    public long endsAt(ConsoleSession session) {
        return Math.min(session.expiresAt(), session.lastSeenAt() + micros(idle));
    }

    public void close(String id) {
        if (id != null && id.length() == ID_LENGTH) {
            repository.delete(Sha256.base64Url(id));
        }
    }

    /** The CSRF token the page must send with every API call made with this session's cookie. */
    public String csrfToken(String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(csrfKey, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(("console-csrf:" + id).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Constant-time: a timing difference must not reveal how much of a guessed token was right. */
    public boolean csrfTokenMatches(String id, String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(csrfToken(id).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    public Duration idle() {
        return idle;
    }

    public Duration lifetime() {
        return lifetime;
    }

    private long now() {
        return Timestamps.toMicros(clock.instant());
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1000;
    }
}
