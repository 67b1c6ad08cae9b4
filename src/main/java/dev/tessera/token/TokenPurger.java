package dev.tessera.token;

import dev.tessera.store.Timestamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes token records an hour after they expired, every few minutes, in small batches.
 * Without it a busy issuer would grow its tokens table by millions of rows an hour.
 */
public final class TokenPurger implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TokenPurger.class);
    private static final long GRACE_MICROS = TimeUnit.HOURS.toMicros(1);
    private static final int BATCH = 5_000;

    private final TokenRepository tokens;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tessera-token-purge");
        t.setDaemon(true);
        return t;
    });

    private final List<Runnable> alsoPurge;

    public TokenPurger(TokenRepository tokens) {
        this(tokens, List.of());
    }

    /** @param alsoPurge other expired records to remove on the same schedule (login requests, user grants) */
    public TokenPurger(TokenRepository tokens, List<Runnable> alsoPurge) {
        this.tokens = tokens;
        this.alsoPurge = List.copyOf(alsoPurge);
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::purgeNow, 1, 5, TimeUnit.MINUTES);
    }

    /** Purges everything that is due; returns the number of records removed. */
    public int purgeNow() {
        int total = 0;
        try {
            long cutoff = Timestamps.nowMicros() - GRACE_MICROS;
            int removed;
            do {
                removed = tokens.purgeExpired(cutoff, BATCH);
                total += removed;
            } while (removed == BATCH && !Thread.currentThread().isInterrupted());
            if (total > 0) {
                log.info("purged {} expired token record(s)", total);
            }
        } catch (RuntimeException e) {
            log.warn("token purge failed; it will be retried: {}", e.getMessage());
        }
        for (Runnable purge : alsoPurge) {
            try {
                purge.run();
            } catch (RuntimeException e) {
                log.warn("purge of expired login records failed; it will be retried: {}", e.getMessage());
            }
        }
        return total;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
