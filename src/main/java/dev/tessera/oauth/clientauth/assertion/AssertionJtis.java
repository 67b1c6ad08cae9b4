package dev.tessera.oauth.clientauth.assertion;

import dev.tessera.store.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@code jti}s of accepted client assertions, so that each assertion is used once across every
 * node (RFC 7523 §3, item 7). Use is one conditional insert: the table's primary key lets exactly
 * one of any number of concurrent inserts of the same id win, on SQLite and PostgreSQL alike,
 * with no read first. Rows are kept until the assertion could no longer pass the expiry check,
 * then purged.
 */
public final class AssertionJtis implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AssertionJtis.class);

    private final Jdbc jdbc;
    private ScheduledExecutorService purger;

    public AssertionJtis(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the assertion id; true when this was its first use, false when it was seen before.
     *
     * @param keepUntilMicros when the row may go: the assertion's {@code exp} plus the allowed clock skew
     */
    public boolean firstUse(UUID authServerId, String clientId, String jti, long keepUntilMicros) {
        return jdbc.update("INSERT INTO client_assertion_jtis (auth_server_id, client_id, jti, expires_at) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", authServerId.toString(), clientId, jti, keepUntilMicros) == 1;
    }

    /** Deletes the rows of assertions that have expired by {@code nowMicros}; returns how many. */
    public int purgeExpired(long nowMicros) {
        return jdbc.update("DELETE FROM client_assertion_jtis WHERE expires_at < ?", nowMicros);
    }

    /** Purges every {@code minutes} minutes on a daemon thread of its own, until {@link #close()}. */
    public AssertionJtis purgedEvery(long minutes, java.time.Clock clock) {
        purger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tessera-assertion-jti-purge");
            t.setDaemon(true);
            return t;
        });
        purger.scheduleWithFixedDelay(() -> {
            try {
                int removed = purgeExpired(TimeUnit.MILLISECONDS.toMicros(clock.millis()));
                if (removed > 0) {
                    log.debug("purged {} expired client assertion id(s)", removed);
                }
            } catch (RuntimeException e) {
                log.warn("client assertion id purge failed; it will be retried: {}", e.getMessage());
            }
        }, minutes, minutes, TimeUnit.MINUTES);
        return this;
    }

    @Override
    public void close() {
        if (purger != null) {
            purger.shutdownNow();
        }
    }
}
