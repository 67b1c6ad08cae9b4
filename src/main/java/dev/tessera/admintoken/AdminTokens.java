package dev.tessera.admintoken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tessera.crypto.MasterKey;
import dev.tessera.crypto.RandomStrings;
import dev.tessera.store.DataAccessException;
import dev.tessera.store.Jdbc;
import dev.tessera.store.Page;
import dev.tessera.store.PageRequest;
import dev.tessera.store.Timestamps;
import dev.tessera.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admin tokens for the management API: creation, lookup, revocation.
 *
 * <p>An accepted token is remembered for at most {@link #ACCEPTED_FOR}, so a request usually
 * costs one HMAC and a map lookup, and a token revoked on any node (or by the CLI) stops
 * working everywhere within that time without any message between nodes. A revocation made
 * here is forgotten at once. The last-use time is written at most once a
 * {@link #LAST_USE_RESOLUTION} per token, never once per request.
 */
public final class AdminTokens {
    private static final Logger log = LoggerFactory.getLogger(AdminTokens.class);
    public static final String PREFIX = "tsr_";
    public static final int MAX_NAME_LENGTH = 255;
    static final Duration ACCEPTED_FOR = Duration.ofMillis(900);
    static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);
    private static final int MAX_TOKEN_LENGTH = 512;

    private final AdminTokenRepository repository;
    private final AdminTokenHasher hasher;
    private final Clock clock;
    /** keyed hash → token; entries expire, so a revocation elsewhere takes effect here too. */
    private final Cache<String, AdminToken> accepted;
    /** token id → the last-use time last written to the database. */
    private final ConcurrentHashMap<UUID, Long> lastUseWritten = new ConcurrentHashMap<>();

    /** The tokens, hashed under the master key's admin-token purpose key (the server and the CLI agree on it here). */
    public static AdminTokens keyedBy(Jdbc jdbc, MasterKey masterKey) {
        return new AdminTokens(jdbc, masterKey.derive("admin-token-hash"));
    }

    public AdminTokens(Jdbc jdbc, byte[] hashKey) {
        this(jdbc, new AdminTokenHasher(hashKey), Clock.systemUTC(), Ticker.systemTicker());
    }

    /** For tests: time for timestamps and for the cache's expiry are parameters. */
    AdminTokens(Jdbc jdbc, AdminTokenHasher hasher, Clock clock, Ticker ticker) {
        this.repository = new AdminTokenRepository(jdbc);
        this.hasher = hasher;
        this.clock = clock;
        this.accepted = Caffeine.newBuilder().expireAfterWrite(ACCEPTED_FOR).maximumSize(10_000).ticker(ticker).build();
    }

    /** A new token and its value; the value is not kept anywhere, so it can be shown only now. */
    public record Created(AdminToken token, String value) {
    }

    public Created create(String name, boolean readOnly, AdminToken.Source source) {
        String value = PREFIX + RandomStrings.of(RandomStrings.ALNUM, 40);
        AdminToken token = new AdminToken(UUID.randomUUID(), name, readOnly, source, now(), null);
        repository.insert(token, hasher.hash(value));
        return new Created(token, value);
    }

    /** {@link #create} in the caller's transaction (the management API's, which also holds the audit event). */
    public Created create(Tx tx, String name, boolean readOnly, AdminToken.Source source) {
        String value = PREFIX + RandomStrings.of(RandomStrings.ALNUM, 40);
        AdminToken token = new AdminToken(UUID.randomUUID(), name, readOnly, source, now(), null);
        repository.insert(tx, token, hasher.hash(value));
        return new Created(token, value);
    }

    /** The token a bearer value names, or empty when it is unknown or revoked. */
    public Optional<AdminToken> authenticate(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String hash = hasher.hash(value);
        AdminToken token = accepted.getIfPresent(hash);
        if (token == null) {
            token = lookUp(value, hash).orElse(null);
            if (token == null) {
                return Optional.empty();
            }
            accepted.put(hash, token);
        }
        recordUse(token);
        return Optional.of(token);
    }

    /** By the keyed hash; a row stored as unsalted SHA-256 (before V8) is accepted and re-hashed. */
    private Optional<AdminToken> lookUp(String value, String hash) {
        String legacy = AdminTokenHasher.legacy(value);
        return repository.findByHashOrLegacy(hash, legacy).map(match -> {
            if (match.legacy() && repository.rehash(match.token().id(), legacy, hash)) {
                log.info("admin token {} re-hashed with the keyed hash", match.token().name());
            }
            return match.token();
        });
    }

    private void recordUse(AdminToken token) {
        long now = now();
        long resolution = LAST_USE_RESOLUTION.toNanos() / 1000;
        boolean[] write = {false};
        lastUseWritten.compute(token.id(), (id, written) -> {
            long last = written != null ? written : token.lastUsedAt() != null ? token.lastUsedAt() : Long.MIN_VALUE / 2;
            if (now - last >= resolution) {
                write[0] = true;
                return now;
            }
            return last;
        });
        if (write[0]) {
            try {
                repository.touch(token.id(), now);
            } catch (DataAccessException e) {
                // A missed last-use time is not worth failing the request for; the next minute retries.
                log.warn("could not record the last use of admin token {}: {}", token.name(), e.getMessage());
                lastUseWritten.remove(token.id());
            }
        }
    }

    public Page<AdminToken> list(PageRequest request) {
        return repository.list(request);
    }

    public Optional<AdminToken> find(UUID id) {
        return repository.find(id);
    }

    /** Deletes the token; it stops working on this node now and on the others within {@link #ACCEPTED_FOR}. */
    public boolean revoke(UUID id) {
        boolean deleted = repository.delete(id);
        forget(id);
        return deleted;
    }

    /**
     * {@link #revoke(UUID)} in the caller's transaction. The token is forgotten by this node at once:
     * should the transaction roll back, the next use finds it in the database again.
     */
    public boolean revoke(Tx tx, UUID id) {
        boolean deleted = repository.delete(tx, id);
        forget(id);
        return deleted;
    }

    private void forget(UUID id) {
        accepted.asMap().values().removeIf(t -> t.id().equals(id));
        lastUseWritten.remove(id);
    }

    /**
     * At start: {@code TESSERA_ADMIN_TOKEN}, when set, is registered and replaces any token an
     * earlier value registered; when unset, a token it registered before is revoked. Then, if no
     * token exists at all, one is created and returned so the caller can show it once.
     */
    public Optional<String> bootstrap(Optional<String> configured) {
        UUID keep = configured.map(this::registerConfigured).orElse(null);
        for (AdminToken old : repository.deleteEnvTokensExcept(keep)) {
            forget(old.id());
            log.warn("admin token {} (id {}) was revoked: TESSERA_ADMIN_TOKEN no longer names it", old.name(), old.id());
        }
        if (keep == null && repository.count() == 0) {
            return Optional.of(create("initial", false, AdminToken.Source.BOOTSTRAP).value());
        }
        return Optional.empty();
    }

    private UUID registerConfigured(String value) {
        String hash = hasher.hash(value);
        Optional<AdminToken> existing = lookUp(value, hash);
        if (existing.isPresent()) {
            if (existing.get().source() != AdminToken.Source.ENV) {
                repository.markEnv(existing.get().id());
            }
            return existing.get().id();
        }
        AdminToken token = new AdminToken(UUID.randomUUID(), "TESSERA_ADMIN_TOKEN", false, AdminToken.Source.ENV, now(), null);
        try {
            repository.insert(token, hash);
            log.info("admin token from TESSERA_ADMIN_TOKEN registered");
            return token.id();
        } catch (DataAccessException e) {
            if (e.isUniqueViolation()) { // another node starting at the same time registered it
                return repository.findByHash(hash).map(AdminToken::id).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    private long now() {
        return Timestamps.toMicros(clock.instant());
    }
}
