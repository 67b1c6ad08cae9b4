package dev.tessera.support;

import org.junit.jupiter.api.Assumptions;

import java.util.EnumMap;
import java.util.Map;

/**
 * One shared server per backend for the whole test run (starting one per test would make the
 * suite slow). Tests isolate themselves by creating their own auth servers.
 */
public final class Servers {
    private static final Map<Backend, TestServer> SERVERS = new EnumMap<>(Backend.class);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> SERVERS.values().forEach(TestServer::close)));
    }

    private Servers() {
    }

    public static synchronized TestServer get(Backend backend) {
        if (backend == Backend.POSTGRESQL) {
            Assumptions.assumeTrue(Backend.postgresReachable(),
                    "PostgreSQL at " + Backend.PG_BASE + " is not reachable: PostgreSQL run skipped");
        }
        return SERVERS.computeIfAbsent(backend, TestServer::start);
    }
}
