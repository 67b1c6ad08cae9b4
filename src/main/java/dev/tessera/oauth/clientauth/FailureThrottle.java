package dev.tessera.oauth.clientauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tessera.config.ClientAuthLimits;
import dev.tessera.crypto.Sha256;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Limits online guessing of client secrets. Failed authentications are counted in fixed windows
 * per source address and per client id (of an auth server):
 * <ul>
 *   <li>a source with {@code failuresPerSource} failures in its window is refused (429) for the
 *       rest of that window, whatever client it names — not even a correct secret is tried;</li>
 *   <li>a client id with {@code failuresPerClient} failures in its window (a guess spread over many
 *       sources) is refused only to sources that have not authenticated as that client within the
 *       last {@link #KNOWN_SOURCE_MEMORY} (counted from its last authentication): the client's own
 *       machines keep getting tokens while it is attacked from elsewhere.</li>
 * </ul>
 * Unknown client ids are counted like known ones, so the answers do not reveal which ids exist.
 * Every map is a size-bounded Caffeine cache, so an attacker cannot grow memory without limit;
 * evicting an entry only forgets a count early.
 */
public final class FailureThrottle {
    /** How long a source that authenticated as a client stays trusted for that client. */
    static final Duration KNOWN_SOURCE_MEMORY = Duration.ofHours(24);
    static final int MAX_TRACKED = 100_000;
    /** Client ids are at most 36 characters; a longer one is kept as its hash so keys stay small. */
    private static final int MAX_ID_IN_KEY = 64;

    /** Which limit refused the request, and for how many more seconds. */
    public record Refusal(Limit limit, long retryAfterSeconds) {
    }

    public enum Limit { SOURCE, CLIENT }

    private final int perSource;
    private final int perClient;
    private final long windowMillis;
    private final Clock clock;
    private final Cache<String, Window> bySource;
    private final Cache<String, Window> byClient;
    private final Cache<String, Boolean> knownSources;

    public FailureThrottle(ClientAuthLimits limits, Clock clock) {
        this.perSource = limits.failuresPerSource();
        this.perClient = limits.failuresPerClient();
        this.windowMillis = limits.window().toMillis();
        this.clock = clock;
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.bySource = windows(ticker, limits.window());
        this.byClient = windows(ticker, limits.window());
        this.knownSources = Caffeine.newBuilder().ticker(ticker).executor(Runnable::run)
                .maximumSize(MAX_TRACKED).expireAfterAccess(KNOWN_SOURCE_MEMORY).build();
    }

    private static Cache<String, Window> windows(Ticker ticker, Duration window) {
        // an entry is created by a window's first failure, so it expires exactly when that window ends
        return Caffeine.newBuilder().ticker(ticker).executor(Runnable::run)
                .maximumSize(MAX_TRACKED).expireAfterWrite(window).build();
    }

    /** Whether this attempt may be checked at all; called before any hashing. */
    public Optional<Refusal> check(String authServerId, String clientId, String source) {
        long now = clock.millis();
        Window s = bySource.getIfPresent(source);
        long sourceWait = s == null ? 0 : s.blockedFor(now, windowMillis, perSource);
        if (sourceWait > 0) {
            return Optional.of(new Refusal(Limit.SOURCE, seconds(sourceWait)));
        }
        Window c = byClient.getIfPresent(clientKey(authServerId, clientId));
        long clientWait = c == null ? 0 : c.blockedFor(now, windowMillis, perClient);
        if (clientWait > 0 && knownSources.getIfPresent(sourceKey(authServerId, clientId, source)) == null) {
            return Optional.of(new Refusal(Limit.CLIENT, seconds(clientWait)));
        }
        return Optional.empty();
    }

    public void failed(String authServerId, String clientId, String source) {
        long now = clock.millis();
        bySource.get(source, k -> new Window(now)).add(now, windowMillis);
        byClient.get(clientKey(authServerId, clientId), k -> new Window(now)).add(now, windowMillis);
    }

    public void succeeded(String authServerId, String clientId, String source) {
        // Every token and introspection request succeeds here: a read (which renews the entry) is
        // far cheaper than a cache write, so only a source's first success writes.
        String key = sourceKey(authServerId, clientId, source);
        if (knownSources.getIfPresent(key) == null) {
            knownSources.put(key, Boolean.TRUE);
        }
    }

    /** Entries held now, for the memory-bound test. */
    long tracked() {
        bySource.cleanUp();
        byClient.cleanUp();
        knownSources.cleanUp();
        return bySource.estimatedSize() + byClient.estimatedSize() + knownSources.estimatedSize();
    }

    private static String clientKey(String authServerId, String clientId) {
        String id = clientId.length() <= MAX_ID_IN_KEY ? clientId : "#" + Sha256.base64Url(clientId);
        return authServerId + "|" + id;
    }

    private static String sourceKey(String authServerId, String clientId, String source) {
        return clientKey(authServerId, clientId) + "|" + source;
    }

    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    /** Failures in one fixed window, which starts at its first failure. */
    private static final class Window {
        private long start;
        private int count;

        Window(long start) {
            this.start = start;
        }

        synchronized void add(long now, long length) {
            if (now - start >= length) {
                start = now;
                count = 0;
            }
            count++;
        }

        /** Milliseconds until this window ends if it holds {@code limit} failures, else 0. */
        synchronized long blockedFor(long now, long length, int limit) {
            long left = start + length - now;
            return count >= limit && left > 0 ? left : 0;
        }
    }
}
