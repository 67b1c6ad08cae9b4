package dev.tessera.crypto;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds how many slow (PBKDF2) secret checks run at once, so guesses against operator-supplied
 * secrets can take at most that many cores and the rest keep issuing tokens. A check that cannot
 * get a permit within the wait is refused ({@link SlowHashBusyException}) instead of queueing without end;
 * so is one that finds {@value #WAITERS_PER_PERMIT} requests per permit already waiting, because every
 * waiter holds a request thread, and a flood of waiting guesses must not take all of them.
 */
public final class SlowHashGate {
    static final int WAITERS_PER_PERMIT = 4;

    private final Semaphore permits;
    private final long waitNanos;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();

    public SlowHashGate(int permits, Duration wait) {
        if (permits < 1) {
            throw new IllegalArgumentException("at least one permit");
        }
        // fair: waiting requests are served in arrival order, so a burst of guesses cannot starve one legitimate check
        this.permits = new Semaphore(permits, true);
        this.waitNanos = wait.toNanos();
        this.maxWaiting = permits * WAITERS_PER_PERMIT;
    }

    /** Takes a permit, waiting at most the configured time; {@link #exit()} must follow. */
    public void enter() {
        if (permits.tryAcquire()) {
            return;
        }
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            throw new SlowHashBusyException();
        }
        try {
            if (!permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
                throw new SlowHashBusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlowHashBusyException();
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Requests waiting for a permit now. */
    int waiting() {
        return waiting.get();
    }

    public void exit() {
        permits.release();
    }
}
