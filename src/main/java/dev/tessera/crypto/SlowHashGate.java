package dev.tessera.crypto;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many slow (PBKDF2) secret checks run at once, so guesses against operator-supplied
 * secrets can take at most that many cores and the rest keep issuing tokens. A check that cannot
 * get a permit within the wait is refused ({@link SlowHashBusyException}) instead of queueing without end.
 */
public final class SlowHashGate {
    private final Semaphore permits;
    private final long waitNanos;

    public SlowHashGate(int permits, Duration wait) {
        if (permits < 1) {
            throw new IllegalArgumentException("at least one permit");
        }
        // fair: waiting requests are served in arrival order, so a burst of guesses cannot starve one legitimate check
        this.permits = new Semaphore(permits, true);
        this.waitNanos = wait.toNanos();
    }

    /** Takes a permit, waiting at most the configured time; {@link #exit()} must follow. */
    public void enter() {
        try {
            if (!permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
                throw new SlowHashBusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlowHashBusyException();
        }
    }

    public void exit() {
        permits.release();
    }
}
