package dev.tessera.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The settings of two nodes of one deployment on one fresh PostgreSQL schema: the same master
 * key, and the same public URL (the first node's port, chosen here), so both agree on every
 * issuer. Start each with {@code TestServer.start(Backend.SQLITE, first())} and {@code second()}:
 * the database URL in the settings wins over the backend.
 */
public record SharedDatabaseNodes(Map<String, String> first, Map<String, String> second) {
    private static final String MASTER_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    /** @param extra more settings for both nodes */
    public static SharedDatabaseNodes onNewSchema(Map<String, String> extra) throws IOException {
        int portA;
        try (ServerSocket socket = new ServerSocket(0)) {
            portA = socket.getLocalPort();
        }
        Map<String, String> both = new HashMap<>(extra);
        both.put("TESSERA_DATABASE_URL", Backend.newPostgresSchema());
        both.put("TESSERA_MASTER_KEY", MASTER_KEY);
        both.put("TESSERA_PUBLIC_URL", "http://localhost:" + portA);
        Map<String, String> first = new HashMap<>(both);
        first.put("TESSERA_HTTP_PORT", Integer.toString(portA));
        return new SharedDatabaseNodes(Map.copyOf(first), Map.copyOf(both));
    }

    /** The fresh schema's JDBC URL, to drop it afterwards. */
    public String databaseUrl() {
        return second.get("TESSERA_DATABASE_URL");
    }
}
