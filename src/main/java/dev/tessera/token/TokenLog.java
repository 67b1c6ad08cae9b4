package dev.tessera.token;

import dev.tessera.store.DatabaseAvailability;
import dev.tessera.store.DatabaseUnavailableException;
import dev.tessera.store.SqlFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Group commit for token records. Request threads hand in a record and wait; one writer
 * thread drains whatever has queued up and commits it in one transaction, then releases
 * every waiter. Each token is durable before its response is sent, and a burst of
 * concurrent requests costs one commit (one fsync) instead of one each.
 *
 * <p>Faults: a record its row constraints refuse (a client deleted a moment earlier) fails only
 * its own request. While the database is unavailable, requests fail at once with
 * {@link DatabaseUnavailableException}. A request that stops waiting withdraws its record first,
 * so no record is ever written for a request that was answered with an error.
 */
public final class TokenLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TokenLog.class);
    private static final int MAX_BATCH = 1024;
    /** How long a request waits for the writer to take its record before it gives up (and withdraws it). */
    static final long CLAIM_WAIT_MILLIS = 3_000;
    private static final long CLOSE_WAIT_MILLIS = 10_000;
    private static final int LINGER_BELOW = 8;
    private static final long LINGER_NANOS = 300_000;

    private static final int WAITING = 0;
    private static final int CLAIMED = 1;
    private static final int WITHDRAWN = 2;

    /** A record and its request; the writer claims it, or the request withdraws it, never both. */
    private static final class Pending {
        final TokenRecord record;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final AtomicInteger state = new AtomicInteger(WAITING);

        Pending(TokenRecord record) {
            this.record = record;
        }

        boolean claim() {
            return state.compareAndSet(WAITING, CLAIMED);
        }

        boolean withdraw() {
            return state.compareAndSet(WAITING, WITHDRAWN);
        }
    }

    private final TokenRepository tokens;
    private final DatabaseAvailability availability;
    private final Runnable beforeBatch;
    private final long claimWaitNanos;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>(100_000);
    private final Thread writer;
    private volatile boolean running = true;
    /** Commits and the records they carried: their ratio is the group commit's batch size. */
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();

    public TokenLog(TokenRepository tokens, DatabaseAvailability availability) {
        this(tokens, availability, () -> { }, CLAIM_WAIT_MILLIS);
    }

    /**
     * {@code beforeBatch} runs on the writer thread after it took the first record of a batch
     * (tests hold it there); {@code claimWaitMillis} is how long a request waits for the writer.
     */
    TokenLog(TokenRepository tokens, DatabaseAvailability availability, Runnable beforeBatch, long claimWaitMillis) {
        this.tokens = tokens;
        this.availability = availability;
        this.beforeBatch = beforeBatch;
        this.claimWaitNanos = TimeUnit.MILLISECONDS.toNanos(claimWaitMillis);
        this.writer = Thread.ofPlatform().name("tessera-token-log").daemon(true).start(this::run);
    }

    /**
     * Returns once the record is committed. Throws {@link DatabaseUnavailableException} when it
     * cannot be (then no record exists), {@link ClientGoneException} when its client is gone.
     */
    public void append(TokenRecord record) {
        if (!running) {
            throw new DatabaseUnavailableException("the server is shutting down");
        }
        if (!availability.isUp()) {
            throw new DatabaseUnavailableException("the database is unavailable: " + availability.problem().orElse(""));
        }
        Pending p = new Pending(record);
        if (!queue.offer(p)) {
            throw new DatabaseUnavailableException("too many tokens are waiting to be recorded");
        }
        try {
            outcome(p, claimWaitNanos);
        } catch (TimeoutException e) {
            if (p.withdraw()) {
                throw new DatabaseUnavailableException("the writer did not take the token's record in time");
            }
            // The writer has it: its attempt is bounded by the connection's timeouts, and its
            // outcome, not ours, decides whether this token exists.
            outcome(p);
        }
    }

    private static void outcome(Pending p, long nanos) throws TimeoutException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    p.done.get(nanos, TimeUnit.NANOSECONDS);
                    return;
                } catch (InterruptedException e) {
                    // A request thread is interrupted only when the server stops; it still needs its answer.
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void outcome(Pending p) {
        try {
            outcome(p, Long.MAX_VALUE);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Transactions the writer committed (each one fsync on SQLite with synchronous=FULL). */
    public long commits() {
        return commits.get();
    }

    /** Records written by those commits (refused ones included, as they were in the batch). */
    public long recorded() {
        return recorded.get();
    }

    /** Records waiting for the writer; for tests. */
    int queued() {
        return queue.size();
    }

    private void run() {
        try (TokenRepository.Writer w = tokens.openWriter()) {
            drain(w);
        }
    }

    private void drain(TokenRepository.Writer w) {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        List<Pending> claimed = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                beforeBatch.run();
                queue.drainTo(batch, MAX_BATCH - 1);
                if (batch.size() < LINGER_BELOW) {
                    // A commit costs far more than a row: let a few more requests join this one.
                    LockSupport.parkNanos(LINGER_NANOS);
                    queue.drainTo(batch, MAX_BATCH - batch.size());
                }
                for (Pending p : batch) {
                    if (p.claim()) {
                        claimed.add(p);
                    }
                }
                if (!claimed.isEmpty()) {
                    commit(w, claimed);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(batch, new DatabaseUnavailableException("the token log stopped"));
                return;
            } catch (RuntimeException e) {
                log.error("token log writer failed", e);
                fail(batch, new DatabaseUnavailableException("the token log failed", e));
            } finally {
                batch.clear();
                claimed.clear();
            }
        }
    }

    private void commit(TokenRepository.Writer w, List<Pending> claimed) {
        if (!availability.isUp()) {
            // Queued before the database went away: answer now instead of waiting out another timeout.
            fail(claimed, new DatabaseUnavailableException("the database is unavailable"));
            return;
        }
        List<TokenRecord> records = new ArrayList<>(claimed.size());
        for (Pending p : claimed) {
            records.add(p.record);
        }
        List<TokenRepository.Outcome> outcomes;
        try {
            outcomes = writeWithOneRetry(w, records);
        } catch (SQLException | RuntimeException e) {
            log.error("could not record {} token(s): {}", claimed.size(), e.getMessage());
            availability.reportFailure(e);
            fail(claimed, new DatabaseUnavailableException("the token could not be recorded", e));
            return;
        }
        availability.reportSuccess();
        commits.incrementAndGet();
        recorded.addAndGet(records.size());
        for (int i = 0; i < claimed.size(); i++) {
            Pending p = claimed.get(i);
            switch (outcomes.get(i)) {
                case RECORDED -> p.done.complete(null);
                case CLIENT_GONE -> p.done.completeExceptionally(new ClientGoneException(p.record.clientId()));
                case REFUSED -> p.done.completeExceptionally(new IllegalStateException("the database refused token "
                        + p.record.id()));
            }
        }
    }

    private static void fail(List<Pending> pending, RuntimeException e) {
        for (Pending p : pending) {
            p.done.completeExceptionally(e);
        }
    }

    /**
     * A connection that died while idle (database restart, idle timeout) costs one retry on a
     * fresh one, not failed requests. A fresh connection that fails is not retried: the database
     * itself is the problem, and the requests should hear so quickly.
     */
    private static List<TokenRepository.Outcome> writeWithOneRetry(TokenRepository.Writer w, List<TokenRecord> records)
            throws SQLException {
        boolean reused = w.hasConnection();
        try {
            return w.write(records);
        } catch (SQLException e) {
            if (!reused || !SqlFailures.isConnectionLost(e)) {
                throw e;
            }
            log.warn("token log write failed ({}); retrying once on a new connection", e.getMessage());
            return w.write(records);
        }
    }

    /** Stops taking records, commits what is queued, and waits for the writer to finish. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
