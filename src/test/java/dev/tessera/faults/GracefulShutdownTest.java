package dev.tessera.faults;

import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.ChildServer;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.TestServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SIGTERM with token requests in flight: the server stops accepting connections, finishes the
 * requests it has (each answered 200), commits their records, flushes its log, and exits.
 */
class GracefulShutdownTest {
    private static final int IN_FLIGHT = 8;
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");

    @BothBackends
    void inFlightTokenRequestsFinishAndAreRecordedOnSigterm(Backend backend) throws Exception {
        Path dataDir = Files.createTempDirectory("tessera-shutdown");
        String pgUrl = null;
        if (backend == Backend.POSTGRESQL) {
            assumeTrue(Backend.postgresReachable(), "PostgreSQL not reachable: skipped");
            pgUrl = Backend.newPostgresSchema();
        }
        Path logFile = dataDir.resolve("server.log");
        try {
            int port = ChildServer.freePort();
            Process server = ChildServer.launch(dataDir, port, pgUrl, logFile);
            try {
                Http http = new Http("http://127.0.0.1:" + port, TestServer.ADMIN_TOKEN);
                ChildServer.awaitReady(http, server);
                var as = http.post("/v1/auth-servers", json("name", "shutdown", "audience", "a"));
                String serverId = as.text("id");
                var client = http.post("/v1/auth-servers/" + serverId + "/clients", json("name", "c",
                        "grant_types", List.of("client_credentials"), "response_types", List.of("token")));
                String clientId = client.text("id");
                String tokenPath = URI.create(as.text("issuer")).getPath() + "/oauth/token";
                byte[] body = OAuthFixture.form("grant_type", "client_credentials", "client_id", clientId,
                        "client_secret", client.text("client_secret")).getBytes(StandardCharsets.UTF_8);

                // Requests in flight: headers and half of each body sent, the handler waiting for the rest.
                List<Socket> inFlight = new ArrayList<>();
                for (int i = 0; i < IN_FLIGHT; i++) {
                    inFlight.add(startRequest(port, tokenPath, body));
                }
                // A complete request answered after them: the server has taken the others in.
                String sentinel = finishRequest(startRequest(port, tokenPath, body), body);

                server.destroy(); // SIGTERM
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!refusesConnections(port)) {
                    assertThat(System.nanoTime()).as("stops accepting within 10 s").isLessThan(deadline);
                    Thread.sleep(20); // polling a condition with a deadline
                }
                assertThat(server.isAlive()).as("waits for the requests in flight").isTrue();

                // Every request in flight is answered 200, also one still sending its body when the stop
                // began (the body's own deadline, not Jetty's shortened idle timeout, bounds it).
                List<String> tokens = new ArrayList<>();
                tokens.add(sentinel);
                for (Socket s : inFlight) {
                    tokens.add(finishRequest(s, body));
                }
                assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("exits after the requests finished").isTrue();
                assertThat(Files.readString(logFile)).contains("Tessera stopped");

                List<String> recorded = new ArrayList<>();
                try (Connection c = DriverManager.getConnection(pgUrl != null ? pgUrl
                        : "jdbc:sqlite:" + dataDir.resolve("tessera.db"));
                     var ps = c.prepareStatement("SELECT id FROM tokens WHERE client_id = ?")) {
                    ps.setString(1, clientId);
                    try (var rs = ps.executeQuery()) {
                        while (rs.next()) {
                            recorded.add(rs.getString(1));
                        }
                    }
                }
                assertThat(recorded).containsExactlyInAnyOrderElementsOf(tokens.stream().map(Outages::jti).toList());
            } finally {
                server.destroyForcibly();
                server.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            if (pgUrl != null) {
                Backend.dropPostgresSchema(pgUrl);
            }
        }
    }

    private static Socket startRequest(int port, String path, byte[] body) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(30_000);
        OutputStream out = s.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, body.length / 2);
        out.flush();
        return s;
    }

    /** Sends the rest of the body and returns the access token of the 200 response. */
    private static String finishRequest(Socket s, byte[] body) throws IOException {
        return accessToken(answer(s, body));
    }

    /** Sends the rest of the body and returns the whole response (the server closes the connection). */
    private static String answer(Socket s, byte[] body) throws IOException {
        try (s) {
            OutputStream out = s.getOutputStream();
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String accessToken(String response) {
        assertThat(response).startsWith("HTTP/1.1 200");
        Matcher m = ACCESS_TOKEN.matcher(response);
        assertThat(m.find()).as(response).isTrue();
        return m.group(1);
    }

    private static boolean refusesConnections(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
