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
        // Every test sends from 127.0.0.1: with the default limits the suite's deliberate wrong secrets could
        // add up to a 429 in an unrelated test. Throttling is tested on servers of its own (OnlineGuessingTest).
        return SERVERS.computeIfAbsent(backend, b -> TestServer.start(b, Map.of(
                "TESSERA_AUTH_FAILURES_PER_SOURCE", "100000", "TESSERA_AUTH_FAILURES_PER_CLIENT", "100000")));
    }
}
