package dev.tessera.oauth.clientauth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Logs failed client authentications as summaries, not one line each: the first failure for a
 * (auth server, client id, source, reason) logs at once; further ones are counted and written as
 * one line per key when {@link #flush()} runs (every throttle window). At most {@code maxKeys}
 * keys are itemised per interval; failures beyond that go into one "other" count, so a flood of
 * distinct ids or addresses cannot flood the log either. Secrets are never passed in.
 */
public final class FailureLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FailureLog.class);
    private static final int MAX_ID_IN_LOG = 64;

    private record Key(String authServerId, String clientId, String source, String reason) {
    }

    private final int maxKeys;
    private final long intervalSeconds;
    private final Map<Key, LongAdder> pending = new ConcurrentHashMap<>();
    private final AtomicLong others = new AtomicLong();
    private ScheduledExecutorService flusher;

    /** A log that the caller flushes (tests). */
    public FailureLog(int maxKeys, long intervalSeconds) {
        this.maxKeys = maxKeys;
        this.intervalSeconds = intervalSeconds;
    }

    /** A log flushed every {@code intervalSeconds} by a daemon thread of its own, until {@link #close()}. */
    public static FailureLog flushedEvery(int maxKeys, long intervalSeconds) {
        FailureLog failures = new FailureLog(maxKeys, intervalSeconds);
        failures.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tessera-auth-failure-log");
            t.setDaemon(true);
            return t;
        });
        failures.flusher.scheduleAtFixedRate(failures::flush, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
        return failures;
    }

    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdownNow();
        }
    }

    public void record(String authServerId, String clientId, String source, String reason) {
        Key key = new Key(authServerId, printable(clientId), source, reason);
        LongAdder seen = pending.get(key);
        if (seen != null) {
            seen.increment();
            return;
        }
        if (pending.size() >= maxKeys) {
            others.incrementAndGet();
            return;
        }
        if (pending.putIfAbsent(key, new LongAdder()) == null) {
            log.info("client authentication failed: client '{}' of auth server {} from {} ({}); further failures "
                    + "are summarised every {} s", key.clientId, authServerId, source, reason, intervalSeconds);
        } else {
            pending.get(key).increment();
        }
    }

    /** Writes one line per key that failed again since the last flush, and forgets quiet keys. */
    public void flush() {
        for (Map.Entry<Key, LongAdder> e : pending.entrySet()) {
            long n = e.getValue().sumThenReset();
            Key k = e.getKey();
            if (n == 0) {
                // quiet for a whole interval: its next failure logs at once again (an increment racing
                // with this removal is lost from the summary, which is acceptable for a log line)
                pending.remove(k, e.getValue());
            } else {
                log.warn("client authentication failed {} more times in the last {} s: client '{}' of auth server {} "
                        + "from {} ({})", n, intervalSeconds, k.clientId, k.authServerId, k.source, k.reason);
            }
        }
        long rest = others.getAndSet(0);
        if (rest > 0) {
            log.warn("client authentication failed {} more times in the last {} s for other clients and sources "
                    + "(more than {} distinct ones; not itemised)", rest, intervalSeconds, maxKeys);
        }
    }

    /** A client id as sent may be anything: cut it short and replace what is not printable ASCII. */
    static String printable(String id) {
        String cut = id.length() > MAX_ID_IN_LOG ? id.substring(0, MAX_ID_IN_LOG) + "..." : id;
        StringBuilder b = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            b.append(c >= 0x20 && c < 0x7f && c != '\'' ? c : '?');
        }
        return b.toString();
    }
}
