package dev.tessera.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tessera in a process of its own (the test's JDK and class path, {@code serve}), for tests that
 * kill it or send it signals: {@code kill -9}, SIGTERM.
 */
public final class ChildServer {
    private ChildServer() {
    }

    /** Starts a server on {@code port} with its own data directory, its output going to {@code logFile}. */
    public static Process launch(Path dataDir, int port, String pgUrl, Path logFile) throws IOException {
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
        pb.redirectOutput(logFile.toFile());
        return pb.start();
    }

    /** Waits until {@code /health/ready} answers 200; generous, as start-up has taken 40 s on a loaded machine. */
    public static void awaitReady(Http http, Process process) throws InterruptedException {
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
            Thread.sleep(100); // polling a condition with a deadline
        }
        throw new AssertionError("server did not become ready within 90 s");
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
