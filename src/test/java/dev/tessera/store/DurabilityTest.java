package dev.tessera.store;

import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.Http;
import dev.tessera.support.TestServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A 201 means committed: the server process is killed with SIGKILL right after the last 201,
 * restarted on the same data, and every object is still there.
 */
class DurabilityTest {

    @BothBackends
    void objectsSurviveKillDashNineRightAfterTheirResponses(Backend backend) throws Exception {
        Path dataDir = Files.createTempDirectory("tessera-durability");
        String pgUrl = null;
        if (backend == Backend.POSTGRESQL) {
            assumeTrue(Backend.postgresReachable(), "PostgreSQL not reachable: skipped");
            pgUrl = Backend.newPostgresSchema();
        }
        try {
            int port = freePort();
            Process server = launch(dataDir, port, pgUrl);
            Http http = new Http("http://127.0.0.1:" + port, TestServer.ADMIN_TOKEN);
            List<String> paths = new ArrayList<>();
            try {
                awaitReady(http, server);
                String as = http.post("/v1/auth-servers", json("name", "durable", "audience", "a")).text("id");
                paths.add("/v1/auth-servers/" + as);
                for (int i = 0; i < 20; i++) {
                    var scope = http.post("/v1/auth-servers/" + as + "/scopes", json("name", "s" + i));
                    assertThat(scope.status()).isEqualTo(201);
                    paths.add("/v1/auth-servers/" + as + "/scopes/" + scope.text("id"));
                }
                var client = http.post("/v1/auth-servers/" + as + "/clients", json("name", "c",
                        "grant_types", List.of("client_credentials"), "response_types", List.of("token")));
                assertThat(client.status()).isEqualTo(201);
                paths.add("/v1/auth-servers/" + as + "/clients/" + client.text("id"));
            } finally {
                // SIGKILL: no shutdown hook, no flush (and no server left running when an assertion failed)
                server.destroyForcibly();
                server.waitFor(10, TimeUnit.SECONDS);
            }

            Process restarted = launch(dataDir, port, pgUrl);
            try {
                awaitReady(http, restarted);
                for (String path : paths) {
                    assertThat(http.get(path).status()).as(path).isEqualTo(200);
                }
            } finally {
                restarted.destroyForcibly();
                restarted.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            if (pgUrl != null) {
                Backend.dropPostgresSchema(pgUrl);
            }
        }
    }

    private static Process launch(Path dataDir, int port, String pgUrl) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "dev.tessera.cli.Main", "serve");
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("TESSERA_"));
        env.put("TESSERA_DATA_DIR", dataDir.toString());
        env.put("TESSERA_HTTP_PORT", Integer.toString(port));
        env.put("TESSERA_HTTP_HOST", "127.0.0.1");
        env.put("TESSERA_ADMIN_TOKEN", TestServer.ADMIN_TOKEN);
        if (pgUrl != null) {
            env.put("TESSERA_DATABASE_URL", pgUrl);
        }
        pb.redirectErrorStream(true);
        pb.redirectOutput(dataDir.resolve("server-" + System.nanoTime() + ".log").toFile());
        return pb.start();
    }

    private static void awaitReady(Http http, Process process) throws InterruptedException {
        // Generous: on a loaded machine start-up has taken 40 s.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("server process exited early").isTrue();
            try {
                if (http.send(http.request("/health/ready").GET()).status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // connection refused while starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("server did not become ready within 90 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
