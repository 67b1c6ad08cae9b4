package dev.tessera.cluster;

import dev.tessera.store.DataAccessException;
import dev.tessera.store.Dialect;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Hears the changes other nodes commit, on PostgreSQL: a listener thread on a connection of its
 * own LISTENs on this schema's channel (the triggers of {@link PostgresChangeTriggers} notify in
 * the writing transaction). Every {@code checkInterval} the same thread reads
 * {@code change_counter}: the read is the heartbeat (a dead or half-open connection fails or
 * times out, and the thread reconnects) and the check that no change went unheard; a missed
 * one makes the node reload what it holds (see {@link ChangeVersions}).
 *
 * <p>Bounds: a notification arrives at commit; a lost one is made up for within
 * {@code checkInterval + grace}; a silently dead connection within
 * {@code checkInterval + queryTimeout + reconnectDelay}.
 */
public final class PostgresChangeBus implements ChangeBus {
    private static final Logger log = LoggerFactory.getLogger(PostgresChangeBus.class);

    /**
     * @param checkInterval  how often the counter is read (heartbeat and missed-change check)
     * @param grace          how long a version seen in the database may stay unheard before it counts as missed
     * @param queryTimeout   how long the listener waits for the database before it calls the connection dead
     * @param reconnectDelay the pause between failed connection attempts
     */
    public record Timing(Duration checkInterval, Duration grace, Duration queryTimeout, Duration reconnectDelay) {
        public static final Timing DEFAULT = new Timing(Duration.ofMillis(400), Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofMillis(250));

        public Timing {
            for (Duration d : new Duration[]{checkInterval, grace, queryTimeout, reconnectDelay}) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("change bus intervals must be positive");
                }
            }
        }
    }

    private final String listenerUrl;
    private final String channel;
    private final Listener listener;
    private final Timing timing;
    private final CountDownLatch firstConnection = new CountDownLatch(1);
    private final Thread thread;
    private ChangeVersions versions; // listener thread only
    private volatile boolean running = true;
    private volatile Connection listening;

    private PostgresChangeBus(String listenerUrl, String channel, Listener listener, Timing timing) {
        this.listenerUrl = listenerUrl;
        this.channel = channel;
        this.listener = listener;
        this.timing = timing;
        this.thread = Thread.ofPlatform().name("tessera-change-listener").daemon(true).start(this::run);
    }

    /**
     * Installs the triggers, starts listening on {@code listenerUrl} (a connection outside the pool),
     * and returns once the first connection listens, or after a few seconds if the database is slow:
     * the thread keeps trying and reloads everything when it gets through.
     */
    public static PostgresChangeBus start(DataSource dataSource, String listenerUrl, Listener listener, Timing timing) {
        String channel;
        try {
            channel = PostgresChangeTriggers.install(dataSource);
        } catch (SQLException e) {
            throw DataAccessException.from(e, Dialect.POSTGRESQL);
        }
        PostgresChangeBus bus = new PostgresChangeBus(listenerUrl, channel, listener, timing);
        try {
            if (!bus.firstConnection.await(5, TimeUnit.SECONDS)) {
                log.warn("change listener is not connected yet; changes from other nodes are applied once it is");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return bus;
    }

    public String channel() {
        return channel;
    }

    private void run() {
        while (running) {
            try (Connection c = connect()) {
                listening = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                long version = readVersion(c);
                if (versions == null || versions.applied() != version) {
                    // First start (anything before LISTEN is unheard) or changes made while disconnected.
                    resynchronise(version, versions == null ? "listening" : "reconnected");
                }
                firstConnection.countDown();
                receive(c);
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("change listener lost its connection: {}; reconnecting", e.getMessage());
                    pause(timing.reconnectDelay());
                }
            } finally {
                listening = null;
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        String name = "tessera listener " + channel;
        props.setProperty("ApplicationName", name.length() > 63 ? name.substring(0, 63) : name);
        Connection c = DriverManager.getConnection(listenerUrl, props);
        c.setNetworkTimeout(Runnable::run, (int) timing.queryTimeout().toMillis());
        return c;
    }

    private void receive(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long nextCheck = System.nanoTime() + timing.checkInterval().toNanos();
        while (running) {
            long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextCheck - System.nanoTime()));
            dispatch(pg.getNotifications((int) Math.min(waitMillis, Integer.MAX_VALUE)));
            if (System.nanoTime() - nextCheck < 0) {
                continue;
            }
            long version = readVersion(c); // the heartbeat: fails or times out on a dead connection
            dispatch(pg.getNotifications());
            Duration next = switch (versions.check(version)) {
                case UP_TO_DATE -> timing.checkInterval();
                case WAITING -> timing.grace();
                case MISSED -> {
                    resynchronise(version, "missed change notifications");
                    yield timing.checkInterval();
                }
            };
            nextCheck = System.nanoTime() + next.toNanos();
        }
    }

    private static long readVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM change_counter WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("change_counter has no row");
            }
            return rs.getLong(1);
        }
    }

    /** Reloads everything; every change up to {@code version} (read before the reload) is then applied. */
    private void resynchronise(long version, String why) {
        if (versions != null) {
            log.info("change listener {}: reloading cached configuration and revocations", why);
        }
        listener.resynchronise();
        if (versions == null) {
            versions = new ChangeVersions(version);
        } else {
            versions.reset(version);
        }
    }

    private void dispatch(PGNotification[] notifications) {
        if (notifications == null) {
            return;
        }
        for (PGNotification n : notifications) {
            dispatch(n.getParameter());
        }
    }

    /** Applies one message; its version counts as heard only once applied. */
    void dispatch(String message) {
        String[] parts = message.split("\\|");
        try {
            long version = Long.parseLong(parts[0]);
            switch (parts[1]) {
                case "config" -> listener.onConfigChanged(UUID.fromString(parts[2]));
                case "client" -> listener.onClientChanged(UUID.fromString(parts[2]), parts[3]);
                case "revoked" -> listener.onTokenRevoked(UUID.fromString(parts[2]), Long.parseLong(parts[3]));
                default -> throw new IllegalArgumentException("unknown kind " + parts[1]);
            }
            versions.heard(version);
        } catch (RuntimeException e) {
            // Left unheard: the next check finds the gap and reloads.
            log.warn("could not apply a change message: {}", e.toString());
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            Connection c = listening;
            if (c != null) {
                c.abort(Runnable::run);
            }
            thread.interrupt();
            thread.join(2000);
        } catch (SQLException | InterruptedException ignored) {
            // shutting down
        }
    }
}
