package dev.tessera.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the key lifecycle's due steps ({@link KeyLifecycle#runDueSteps}) once a second on every
 * node. The steps are conditional writes, so on several nodes each happens once; the node that
 * performed one reloads its snapshot at once, the others when the database notifies them.
 */
public final class KeyScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KeyScheduler.class);
    static final long PERIOD_MILLIS = 1000;

    private final KeyLifecycle lifecycle;
    private final Consumer<UUID> changed;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tessera-key-scheduler");
        t.setDaemon(true);
        return t;
    });

    public KeyScheduler(KeyLifecycle lifecycle, Consumer<UUID> changed) {
        this.lifecycle = lifecycle;
        this.changed = changed;
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::tick, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Runs the due steps now, on the caller's thread; returns the auth servers whose keys changed. */
    public synchronized Set<UUID> runNow() {
        Set<UUID> done = lifecycle.runDueSteps();
        for (UUID id : done) {
            log.info("signing keys of auth server {} moved through their lifecycle", id);
            changed.accept(id);
        }
        return done;
    }

    /** Key activations this node performed; each scheduled activation happens on one node only. */
    public long activationsPerformed() {
        return lifecycle.activationsPerformed();
    }

    private void tick() {
        try {
            runNow();
        } catch (RuntimeException e) {
            // The database may be down; the next tick tries again.
            log.warn("scheduled key rotation step failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
