package dev.tessera.store;

import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.ChildServer;
import dev.tessera.support.Http;
import dev.tessera.support.TestServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            int port = ChildServer.freePort();
            Process server = ChildServer.launch(dataDir, port, pgUrl, dataDir.resolve("server-" + System.nanoTime() + ".log"));
            Http http = new Http("http://127.0.0.1:" + port, TestServer.ADMIN_TOKEN);
            List<String> paths = new ArrayList<>();
            try {
                ChildServer.awaitReady(http, server);
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

            Process restarted = ChildServer.launch(dataDir, port, pgUrl, dataDir.resolve("server-" + System.nanoTime() + ".log"));
            try {
                ChildServer.awaitReady(http, restarted);
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
}
