package dev.tessera.admintoken;

import dev.tessera.App;
import dev.tessera.config.TesseraConfig;
import dev.tessera.crypto.Sha256;
import dev.tessera.support.Backend;
import dev.tessera.support.CapturedLogs;
import dev.tessera.support.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Admin tokens across restarts and nodes: what the configuration says is what works. */
class AdminTokenLifecycleTest {
    private static final String MASTER_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String FIRST = "first-configured-token-0123456789";
    private static final String SECOND = "second-configured-token-987654321";

    @TempDir
    Path dataDir;
    private App app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private App start(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("TESSERA_DATA_DIR", dataDir.toString());
        env.put("TESSERA_HTTP_PORT", "0");
        env.put("TESSERA_HTTP_HOST", "127.0.0.1");
        env.put("TESSERA_MASTER_KEY", MASTER_KEY);
        env.putAll(extra);
        return App.start(TesseraConfig.from(env));
    }

    private static int status(App app, String token) {
        return new Http("http://localhost:" + app.port(), token).get("/v1/auth-servers").status();
    }

    @Test
    void theBootstrapTokenIsPrintedOnStandardOutputAndNeverLogged() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (CapturedLogs logs = new CapturedLogs()) {
            System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
            try {
                app = start(Map.of());
            } finally {
                System.setOut(original);
            }
            Matcher m = Pattern.compile("tsr_[A-Za-z0-9]{40}").matcher(console.toString(StandardCharsets.UTF_8));
            assertThat(m.find()).as("the token is printed on standard output").isTrue();
            String token = m.group();
            assertThat(status(app, token)).isEqualTo(200);
            assertThat(logs.all()).doesNotContain(token);
        }
    }

    @Test
    void aTokenNoLongerConfiguredStopsWorkingAfterRestart() {
        app = start(Map.of("TESSERA_ADMIN_TOKEN", FIRST));
        assertThat(status(app, FIRST)).isEqualTo(200);
        app.close();

        app = start(Map.of("TESSERA_ADMIN_TOKEN", SECOND));
        assertThat(status(app, SECOND)).isEqualTo(200);
        assertThat(status(app, FIRST)).as("the value the variable no longer holds").isEqualTo(401);
        app.close();

        app = start(Map.of());
        assertThat(status(app, SECOND)).as("the variable is unset").isEqualTo(401);
    }

    @Test
    void tokensAreStoredUnderAKeyedHashAndLegacyRowsAreRehashedOnFirstUse() {
        app = start(Map.of("TESSERA_ADMIN_TOKEN", FIRST));
        var jdbc = app.database().jdbc();
        String stored = jdbc.queryOne("SELECT token_hash FROM admin_tokens", rs -> rs.getString(1)).orElseThrow();
        assertThat(stored).startsWith("hmac-sha256$").isNotEqualTo(Sha256.base64Url(FIRST));

        String legacy = "tsr_writtenBeforeKeyedHashesExisted0123456";
        jdbc.update("INSERT INTO admin_tokens (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)",
                java.util.UUID.randomUUID().toString(), "legacy", Sha256.base64Url(legacy), 1L);
        assertThat(status(app, legacy)).isEqualTo(200);
        assertThat(jdbc.queryOne("SELECT token_hash FROM admin_tokens WHERE name = 'legacy'", rs -> rs.getString(1)))
                .hasValueSatisfying(h -> assertThat(h).startsWith("hmac-sha256$"));
    }

    @Test
    void aDeletedTokenStopsWorkingWithinASecondWithoutRestart() throws InterruptedException {
        app = start(Map.of("TESSERA_ADMIN_TOKEN", FIRST));
        assertThat(status(app, FIRST)).isEqualTo(200); // now remembered as accepted
        app.database().jdbc().update("DELETE FROM admin_tokens");
        assertThat(within(() -> status(app, FIRST) == 401)).isTrue();
    }

    @Test
    void aTokenRevokedOnOneNodeIsRefusedByTheOtherWithinASecond() throws InterruptedException {
        assumeTrue(Backend.postgresReachable(), "PostgreSQL not reachable: two-node test skipped");
        String url = Backend.newPostgresSchema();
        Map<String, String> env = Map.of("TESSERA_DATABASE_URL", url, "TESSERA_ADMIN_TOKEN", FIRST);
        try (App a = start(env); App b = start(env)) {
            Http onA = new Http("http://localhost:" + a.port(), FIRST);
            var created = onA.post("/v1/admin-tokens", Http.json("name", "ci"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String token = created.text("token");
            assertThat(status(b, token)).isEqualTo(200); // B now remembers it as accepted

            assertThat(onA.delete("/v1/admin-tokens/" + created.text("id")).status()).isEqualTo(204);
            assertThat(status(a, token)).as("the revoking node refuses at once").isEqualTo(401);
            assertThat(within(() -> status(b, token) == 401)).isTrue();
        } finally {
            Backend.dropPostgresSchema(url);
        }
    }

    /** True when the condition holds within one second of the change (DESIGN §1). */
    private static boolean within(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
