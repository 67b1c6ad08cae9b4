package dev.tessera.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * SQLite only: copies committed pages from the WAL into the database file in the background.
 *
 * <p>Left to itself, SQLite checkpoints inside the commit that takes the WAL past 1,000 pages
 * (4 MiB): that commit copies every page written since the last checkpoint and fsyncs the database
 * file, and every token request waits behind it (the stalls of 100–350 ms in
 * docs/PERFORMANCE.md). Here a thread of its own runs a passive checkpoint every
 * {@value #INTERVAL_MILLIS} ms: it copies what is committed without blocking writers or readers.
 * SQLite's automatic checkpoint stays on and keeps the WAL bounded as before (turned off, the WAL
 * grew without bound: a passive checkpoint never restarts it); it now finds almost every page
 * copied already, so the commit that runs it has only a few pages left to write.
 */
final class WalCheckpointer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);
    static final long INTERVAL_MILLIS = 100;

    /** What one passive checkpoint found: pages in the WAL, and how many of them are now in the database file. */
    record Result(int walPages, int checkpointedPages) {
    }

    private final DataSource dataSource;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tessera-wal-checkpoint");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong runs = new AtomicLong();
    private volatile boolean warned;

    WalCheckpointer(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void start() {
        scheduler.scheduleWithFixedDelay(this::runQuietly, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** One passive checkpoint now. */
    Result runOnce() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            rs.next();
            runs.incrementAndGet();
            return new Result(rs.getInt(2), rs.getInt(3));
        }
    }

    /** Checkpoints run so far. */
    long runs() {
        return runs.get();
    }

    private void runQuietly() {
        try {
            runOnce();
            warned = false;
        } catch (SQLException | RuntimeException e) {
            // SQLite's own checkpoint in the commit still keeps the WAL bounded; say so once, not every 100 ms.
            if (!warned) {
                warned = true;
                log.warn("background WAL checkpoint failed (commits checkpoint by themselves meanwhile): {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
