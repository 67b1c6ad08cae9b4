package dev.tessera.support;

import dev.tessera.App;
import dev.tessera.config.TesseraConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** A real Tessera server on a free port, with its own data directory and database. */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

    private final App app;
    private final Path dataDir;
    private final String pgUrl;
    private final Map<String, String> env;
    public final Http http;

    private TestServer(App app, Path dataDir, String pgUrl, Map<String, String> env) {
        this.app = app;
        this.dataDir = dataDir;
        this.pgUrl = pgUrl;
        this.env = env;
        // The management API's base: the admin listener when there is one; issuer URLs carry the public port.
        this.http = new Http("http://localhost:" + app.adminPort(), ADMIN_TOKEN);
    }

    public static TestServer start(Backend backend) {
        return start(backend, Map.of());
    }

    public static TestServer start(Backend backend, Map<String, String> extraEnv) {
        return start(backend, extraEnv, java.time.Clock.systemUTC());
    }

    /** A server whose signing-key steps follow {@code clock} (see {@link App#runKeySteps()}). */
    public static TestServer start(Backend backend, Map<String, String> extraEnv, java.time.Clock clock) {
        try {
            Path dataDir = Files.createTempDirectory("tessera-test");
            Map<String, String> env = new HashMap<>();
            env.put("TESSERA_DATA_DIR", dataDir.toString());
            env.put("TESSERA_HTTP_PORT", "0");
            env.put("TESSERA_HTTP_HOST", "127.0.0.1");
            env.put("TESSERA_ADMIN_TOKEN", ADMIN_TOKEN);
            String pgUrl = null;
            if (backend == Backend.POSTGRESQL) {
                pgUrl = Backend.newPostgresSchema();
                env.put("TESSERA_DATABASE_URL", pgUrl);
            }
            env.putAll(extraEnv);
            App app = App.start(TesseraConfig.from(env), clock);
            return new TestServer(app, dataDir, pgUrl, env);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops this server (cleanly) and starts a new one on the same database, data directory and
     * port, so issuers stay the same. This instance must not be used afterwards.
     */
    public TestServer restart() {
        int port = app.port();
        app.close();
        Map<String, String> again = new HashMap<>(env);
        again.put("TESSERA_HTTP_PORT", Integer.toString(port));
        return new TestServer(App.start(TesseraConfig.from(again)), dataDir, pgUrl, again);
    }

    public App app() {
        return app;
    }

    public String baseUrl() {
        return "http://localhost:" + app.port();
    }

    @Override
    public void close() {
        app.close();
        if (pgUrl != null) {
            Backend.dropPostgresSchema(pgUrl);
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
