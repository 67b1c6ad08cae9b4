package dev.tessera.token;

import dev.tessera.store.Dialect;
import dev.tessera.store.Jdbc;
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
 *
 * <p>On PostgreSQL the records live in daily partitions by expiry ({@link TokenPartitions}): each
 * run makes the partitions the coming days need and drops those whose day ended an hour ago, so
 * a record goes between one hour and one day and an hour after it expired, with its whole day.
 */
public final class TokenPurger implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TokenPurger.class);
    private static final long GRACE_MICROS = TimeUnit.HOURS.toMicros(1);
    private static final int BATCH = 5_000;

    private final TokenRepository tokens;
    private final TokenPartitions partitions;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tessera-token-purge");
        t.setDaemon(true);
        return t;
    });

    private final List<Runnable> alsoPurge;

    /** {@code partitions} is null on SQLite. */
    public TokenPurger(TokenRepository tokens, TokenPartitions partitions) {
        this(tokens, partitions, List.of());
    }

    /**
     * @param partitions null on SQLite
     * @param alsoPurge  other expired records to remove on the same schedule (login requests, user grants)
     */
    public TokenPurger(TokenRepository tokens, TokenPartitions partitions, List<Runnable> alsoPurge) {
        this.tokens = tokens;
        this.partitions = partitions;
        this.alsoPurge = List.copyOf(alsoPurge);
    }

    /** The purger for this database: with daily partitions on PostgreSQL. */
    public static TokenPurger of(Jdbc jdbc, TokenRepository tokens) {
        return new TokenPurger(tokens, jdbc.dialect() == Dialect.POSTGRESQL ? new TokenPartitions(jdbc) : null);
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::purgeNow, 1, 5, TimeUnit.MINUTES);
    }

    /**
     * Purges everything that is due; returns the number of records removed one by one (on
     * PostgreSQL, not counting those of dropped partitions).
     */
    public int purgeNow() {
        return purgeAt(Timestamps.nowMicros());
    }

    /** {@link #purgeNow()} as of {@code nowMicros}. */
    int purgeAt(long nowMicros) {
        int total = 0;
        try {
            long cutoff = nowMicros - GRACE_MICROS;
            if (partitions != null) {
                partitions.ensure(nowMicros);
                partitions.dropEndedBefore(cutoff);
            }
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
