package dev.tessera.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether the database can take writes right now, so token requests fail at once with 503
 * instead of each waiting out the connection timeouts, and {@code /health/ready} can say so.
 * Writers report what they saw; a probe every second (a connection, the write lock, free disk
 * space) notices an outage without traffic and notices the recovery, after which the next real
 * write decides again.
 */
public final class DatabaseAvailability implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatabaseAvailability.class);
    public static final long PROBE_INTERVAL_MILLIS = 1_000;
    /** What a refused request is told ({@code Retry-After}): by then the probe has run twice. */
    public static final int RETRY_AFTER_SECONDS = 2;
    static final int PROBE_TIMEOUT_MILLIS = 1_000;

    private final Database database;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tessera-db-probe");
        t.setDaemon(true);
        return t;
    });
    private volatile String problem;

    public DatabaseAvailability(Database database) {
        this.database = database;
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::probeNow, PROBE_INTERVAL_MILLIS, PROBE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    public boolean isUp() {
        return problem == null;
    }

    /** Why the database is considered unavailable, while it is. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** A write failed because of the database, not because of its rows. */
    public void reportFailure(Throwable cause) {
        String reason = describe(cause);
        if (problem == null) {
            log.warn("database unavailable: {}; token requests are refused with 503 until it recovers", reason);
        }
        problem = reason;
    }

    /** A write (or the probe) succeeded. */
    public void reportSuccess() {
        if (problem != null) {
            log.info("database available again");
            problem = null;
        }
    }

    /** Probes once now; returns whether the database is available. */
    public boolean probeNow() {
        try {
            database.probeWrite(PROBE_TIMEOUT_MILLIS);
            reportSuccess();
        } catch (SQLException | RuntimeException e) {
            reportFailure(e);
        }
        return isUp();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
