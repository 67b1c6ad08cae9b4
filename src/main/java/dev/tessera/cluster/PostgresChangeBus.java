package dev.tessera.cluster;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The change bus on PostgreSQL: NOTIFY on one channel, and a listener thread on a dedicated
 * connection per node. Messages are short text: {@code node|kind|args}; a node ignores its
 * own. After a lost connection the node resynchronises (drops its snapshots, reloads
 * revocations) because notifications sent meanwhile are gone.
 */
public final class PostgresChangeBus implements ChangeBus {
    private static final Logger log = LoggerFactory.getLogger(PostgresChangeBus.class);
    static final String CHANNEL = "tessera_changes";

    private final DataSource dataSource;
    private final String jdbcUrl;
    private final Listener listener;
    private final String node = UUID.randomUUID().toString().substring(0, 8);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection listening;

    public PostgresChangeBus(DataSource dataSource, String jdbcUrl, Listener listener) {
        this.dataSource = dataSource;
        this.jdbcUrl = jdbcUrl;
        this.listener = listener;
        this.thread = Thread.ofPlatform().name("tessera-change-listener").daemon(true).start(this::listen);
    }

    @Override
    public void configChanged(UUID authServerId) {
        send("config|" + authServerId);
    }

    @Override
    public void clientChanged(UUID authServerId, String clientId) {
        send("client|" + authServerId + "|" + clientId);
    }

    @Override
    public void tokenRevoked(UUID jti, long expiresAtMicros) {
        send("revoked|" + jti + "|" + expiresAtMicros);
    }

    @Override
    public void clientTokensRevoked(UUID authServerId, String clientId) {
        send("revoked-client|" + authServerId + "|" + clientId);
    }

    private void send(String message) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, CHANNEL);
            ps.setString(2, node + "|" + message);
            ps.execute();
        } catch (SQLException e) {
            // The change itself is committed; other nodes catch up at their next resynchronisation.
            log.warn("could not notify other nodes of a change: {}", e.getMessage());
        }
    }

    private void listen() {
        boolean first = true;
        while (running) {
            try (Connection c = DriverManager.getConnection(jdbcUrl)) {
                listening = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                if (!first) {
                    log.info("change listener reconnected; resynchronising");
                    listener.resynchronise();
                }
                first = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            dispatch(n.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("change listener lost its connection: {}; retrying", e.getMessage());
                    sleep();
                }
            }
        }
    }

    void dispatch(String message) {
        String[] parts = message.split("\\|");
        if (parts.length < 3 || parts[0].equals(node)) {
            return;
        }
        try {
            switch (parts[1]) {
                case "config" -> listener.onConfigChanged(UUID.fromString(parts[2]));
                case "client" -> listener.onClientChanged(UUID.fromString(parts[2]), parts[3]);
                case "revoked" -> listener.onTokenRevoked(UUID.fromString(parts[2]), Long.parseLong(parts[3]));
                case "revoked-client" -> listener.onClientTokensRevoked(UUID.fromString(parts[2]), parts[3]);
                default -> log.debug("ignoring unknown change message kind {}", parts[1]);
            }
        } catch (RuntimeException e) {
            log.warn("ignoring malformed change message: {}", e.getMessage());
        }
    }

    private static void sleep() {
        try {
            TimeUnit.SECONDS.sleep(1);
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
                c.close();
            }
            thread.join(2000);
        } catch (SQLException | InterruptedException ignored) {
            // shutting down
        }
    }
}
