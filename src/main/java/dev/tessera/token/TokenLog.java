package dev.tessera.token;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Group commit for token records. Request threads hand in a record and wait; one writer
 * thread drains whatever has queued up and commits it in one transaction, then releases
 * every waiter. Each token is durable before its response is sent, and a burst of
 * concurrent requests costs one commit (one fsync) instead of one each.
 */
public final class TokenLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TokenLog.class);
    private static final int MAX_BATCH = 1024;
    private static final long WAIT_SECONDS = 10;
    private static final int LINGER_BELOW = 8;
    private static final long LINGER_NANOS = 300_000;

    private record Pending(TokenRecord record, CompletableFuture<Void> done) {
    }

    private final TokenRepository tokens;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>(100_000);
    private final Thread writer;
    private volatile boolean running = true;

    public TokenLog(TokenRepository tokens) {
        this.tokens = tokens;
        this.writer = Thread.ofPlatform().name("tessera-token-log").daemon(true).start(this::run);
    }

    /** Returns once the record is committed; throws if it could not be. */
    public void append(TokenRecord record) {
        if (!running) {
            throw new IllegalStateException("token log is closed");
        }
        Pending p = new Pending(record, new CompletableFuture<>());
        try {
            if (!queue.offer(p, WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("token log queue is full");
            }
            p.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording a token", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("token could not be recorded", e);
        }
    }

    private void run() {
        try (TokenRepository.Writer writer = tokens.openWriter()) {
            drain(writer);
        }
    }

    private void drain(TokenRepository.Writer writer) {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        List<TokenRecord> records = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                if (batch.size() < LINGER_BELOW) {
                    // A commit costs far more than a row: let a few more requests join this one.
                    LockSupport.parkNanos(LINGER_NANOS);
                    queue.drainTo(batch, MAX_BATCH - batch.size());
                }
                for (Pending p : batch) {
                    records.add(p.record());
                }
                try {
                    writeWithOneRetry(writer, records);
                    batch.forEach(p -> p.done().complete(null));
                } catch (java.sql.SQLException | RuntimeException e) {
                    log.error("could not record {} token(s)", batch.size(), e);
                    batch.forEach(p -> p.done().completeExceptionally(e));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
                records.clear();
            }
        }
    }

    /** A dropped connection (database restart, idle timeout) costs one retry on a fresh one, not failed requests. */
    private static void writeWithOneRetry(TokenRepository.Writer writer, List<TokenRecord> records) throws java.sql.SQLException {
        try {
            writer.write(records);
        } catch (java.sql.SQLException e) {
            log.warn("token log write failed ({}); retrying once on a new connection", e.getMessage());
            writer.write(records);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
