package dev.tessera.http;

import dev.tessera.support.Backend;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.RawHttp;
import dev.tessera.support.Servers;
import dev.tessera.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.tessera.support.Fixtures.unique;
import static dev.tessera.support.Http.json;
import static dev.tessera.support.OAuthFixture.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies are received whole before a request thread sees them: oversized bodies get
 * their 413 every time, bodies far beyond the drain bound are not read, and slow bodies hold
 * neither request threads nor connections for long.
 */
class BodyReceptionTest {
    /** A server whose body timeout is short enough to test; slow-body tests use it. */
    private static TestServer quickTimeout;

    @BeforeAll
    static void start() {
        quickTimeout = TestServer.start(Backend.SQLITE, Map.of("TESSERA_BODY_TIMEOUT", "2"));
    }

    @AfterAll
    static void stop() {
        quickTimeout.close();
    }

    @Test
    void oversizedJsonBodyIsAnswered413EveryTimeAndTheConnectionStaysUsable() {
        Http http = Servers.get(Backend.SQLITE).http;
        String big = json("name", unique("big"), "audience", "a", "description", "x".repeat(300 * 1024));
        for (int i = 0; i < 20; i++) {
            var r = http.post("/v1/auth-servers", big);
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().path("detail").asText()).isEqualTo("Request body is larger than 262144 bytes");
            assertThat(r.header("Connection")).isNull();
        }
        assertThat(http.get("/v1/auth-servers").status()).isEqualTo(200);
    }

    @Test
    void oversizedChunkedBodyIsAnswered413() {
        Http http = Servers.get(Backend.SQLITE).http;
        byte[] big = json("name", unique("big"), "audience", "a", "description", "x".repeat(1024 * 1024))
                .getBytes(StandardCharsets.UTF_8);
        var r = http.send(http.admin("/v1/auth-servers").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().path("status").asInt()).isEqualTo(413);
    }

    @Test
    void twoMegabyteFormAtTheTokenEndpointIsAnswered413() {
        var oauth = new OAuthFixture(Servers.get(Backend.SQLITE), "api").client(List.of(), Map.of());
        String body = form("grant_type", "client_credentials", "client_id", oauth.clientId,
                "client_secret", oauth.clientSecret, "padding", "p".repeat(2 * 1024 * 1024));
        for (int i = 0; i < 10; i++) {
            var r = oauth.post("/oauth/token", null, body);
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.body()).isEqualTo(
                    "{\"error\":\"invalid_request\",\"error_description\":\"the request body is larger than 16384 bytes\"}");
        }
        assertThat(oauth.tokenPost(null).status()).isEqualTo(200);
    }

    @Test
    void bodyFarBeyondTheDrainBoundIsNotReadAndTheConnectionCloses() throws Exception {
        long declared = 512L * 1024 * 1024;
        try (Socket socket = new Socket("127.0.0.1", port(Servers.get(Backend.SQLITE)))) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/auth-servers HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + TestServer.ADMIN_TOKEN + "\r\nContent-Length: " + declared + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            long sent = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            try {
                while (sent < declared && System.nanoTime() < deadline) {
                    out.write(chunk);
                    sent += chunk.length;
                }
            } catch (IOException closedByServer) {
                // expected: the server answered and closed without reading the body
            }
            // The server stopped reading long before the end: only socket buffers took the rest.
            assertThat(sent).isLessThan(64L * 1024 * 1024);
            assertThat(connectionClosed(socket)).isTrue();
        }
    }

    @Test
    void slowBodyIsAnswered408AndTheConnectionCloses() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port(quickTimeout))) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/auth-servers HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + TestServer.ADMIN_TOKEN + "\r\nContent-Length: 100\r\n\r\n{\"name\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawHttp.Response response = RawHttp.read(socket.getInputStream());
            assertThat(response.status()).isEqualTo(408);
            assertThat(response.head()).contains("Connection: close").contains("application/problem+json");
            assertThat(response.body()).contains("\"detail\":\"The request body did not arrive in time\"");
            assertThat(connectionClosed(socket)).isTrue();
        }
    }

    @Test
    void slowFormAtTheTokenEndpointIsAnswered408() throws Exception {
        var oauth = new OAuthFixture(quickTimeout, "api");
        String path = URI.create(oauth.issuer).getPath() + "/oauth/token";
        try (Socket socket = new Socket("127.0.0.1", port(quickTimeout))) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000\r\n\r\ngrant_type=")
                    .getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response response = RawHttp.read(socket.getInputStream());
            assertThat(response.status()).isEqualTo(408);
            assertThat(response.body()).isEqualTo(
                    "{\"error\":\"invalid_request\",\"error_description\":\"the request body did not arrive in time\"}");
        }
    }

    @Test
    void bodyArrivingInPartsIsReceivedWhole() throws Exception {
        var oauth = new OAuthFixture(quickTimeout, "api").client(List.of(), Map.of());
        String path = URI.create(oauth.issuer).getPath() + "/oauth/token";
        byte[] body = form("grant_type", "client_credentials", "client_id", oauth.clientId,
                "client_secret", oauth.clientSecret).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port(quickTimeout))) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            Thread.sleep(300); // the rest of the body comes in a later packet
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            RawHttp.Response response = RawHttp.read(socket.getInputStream());
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).contains("\"access_token\"");
        }
    }

    /**
     * The attack of the slow-body issue: more connections than request threads, each sending
     * headers and then a body one byte at a time. Token requests keep being answered quickly.
     */
    @Test
    void slowBodiesDoNotStallOtherRequests() throws Exception {
        try (TestServer server = TestServer.start(Backend.SQLITE, Map.of("TESSERA_BODY_TIMEOUT", "60"))) {
            var oauth = new OAuthFixture(server, "api").client(List.of(), Map.of());
            String path = URI.create(oauth.issuer).getPath() + "/oauth/token";
            List<Socket> attackers = new ArrayList<>();
            ExecutorService trickle = Executors.newSingleThreadExecutor();
            try {
                for (int i = 0; i < 300; i++) {
                    Socket s = new Socket("127.0.0.1", port(server));
                    s.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000\r\n\r\ng")
                            .getBytes(StandardCharsets.US_ASCII));
                    attackers.add(s);
                }
                // One more byte on every connection while the legitimate requests run.
                Future<?> drip = trickle.submit(() -> {
                    for (Socket s : attackers) {
                        try {
                            s.getOutputStream().write('r');
                        } catch (IOException ignored) {
                            // a connection the server closed counts for the attacker as lost
                        }
                    }
                });
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                String body = form("grant_type", "client_credentials", "client_id", oauth.clientId,
                        "client_secret", oauth.clientSecret);
                for (int i = 0; i < 20; i++) {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(oauth.issuer + "/oauth/token"))
                            .timeout(Duration.ofSeconds(3))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).isEqualTo(200);
                }
                drip.get(10, TimeUnit.SECONDS);
            } finally {
                trickle.shutdownNow();
                for (Socket s : attackers) {
                    s.close();
                }
            }
        }
    }

    private static int port(TestServer server) {
        return server.app().port();
    }

    /** True when the peer has closed (EOF or reset), false when it still holds the connection open. */
    private static boolean connectionClosed(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            byte[] buffer = new byte[8192];
            while (true) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
