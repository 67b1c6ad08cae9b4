package dev.tessera.cli;

import dev.tessera.config.TesseraConfig;
import dev.tessera.crypto.MasterKey;
import dev.tessera.crypto.MasterKeys;
import dev.tessera.keys.CryptoProvider;
import dev.tessera.keys.KeyEncryption;
import dev.tessera.keys.KeyPairs;
import dev.tessera.keys.SigningKeyStore;
import dev.tessera.store.Database;
import dev.tessera.support.Backend;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.tessera.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tessera master-key rotate} in a process of its own, stopped abruptly (as by kill -9,
 * without shutdown hooks) after each of its steps and run again, while a server keeps running on
 * the same database: every signing key decrypts after every stop, and at the end the server, its
 * client secrets and admin token work under the new key.
 */
class MasterKeyRotationTest {
    private static final CryptoProvider CRYPTO = CryptoProvider.detect(false);

    @Test
    void aRotationStoppedAfterEveryStepAndResumedLeavesEveryKeyReadable() throws Exception {
        Path dataDir = Files.createTempDirectory("tessera-master-key");
        Path keyFile = dataDir.resolve("master.key");
        TestServer server = TestServer.start(Backend.SQLITE, Map.of("TESSERA_DATA_DIR", dataDir.toString()));
        TestServer running = server;
        try {
            List<OAuthFixture> servers = new ArrayList<>();
            for (String alg : List.of("RS256", "ES256", "EdDSA")) {
                servers.add(new OAuthFixture(server, Map.of("signing_algorithm", alg), "aud").client(List.of(), Map.of()));
            }
            // A pending next key, so rows in two states are re-encrypted.
            assertThat(server.http.post(servers.getFirst().admin("/keys/rotate"), json()).status()).isEqualTo(200);
            String oldKey = Files.readString(keyFile).strip();
            List<UUID> ids = servers.stream().map(f -> UUID.fromString(f.serverId)).toList();
            assertEveryKeyDecrypts(dataDir, ids, 4);

            for (String step : List.of("file", "wrap", "row", "row", "check")) {
                assertThat(rotate(dataDir, step)).as("stopped after " + step).isEqualTo(137);
                List<String> lines = Files.readAllLines(keyFile).stream().filter(l -> !l.isBlank()).toList();
                assertThat(lines).hasSize(2);
                assertThat(lines.get(1)).isEqualTo(oldKey);
                assertEveryKeyDecrypts(dataDir, ids, 4);
                // The running server keeps issuing tokens for every auth server.
                servers.forEach(f -> assertThat(f.accessToken(null)).isNotBlank());
            }
            assertThat(rotate(dataDir, "")).isEqualTo(0);
            List<String> lines = Files.readAllLines(keyFile).stream().filter(l -> !l.isBlank()).toList();
            assertThat(lines).hasSize(1);
            assertThat(lines.getFirst()).isNotEqualTo(oldKey);
            assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertEveryKeyDecrypts(dataDir, ids, 4);
            assertThat(decryptsWithKey(dataDir, ids, lines.getFirst())).isTrue();
            assertThat(decryptsWithKey(dataDir, ids, oldKey)).isFalse();

            // The running server reads the new key file when a snapshot reloads, and stores new keys under it.
            OAuthFixture fresh = new OAuthFixture(server, "aud").client(List.of(), Map.of());
            assertThat(server.http.patch(servers.get(1).admin(""), json("description", "reload")).status()).isEqualTo(200);
            assertThat(servers.get(1).accessToken(null)).isNotBlank();
            assertThat(decryptsWithKey(dataDir, List.of(UUID.fromString(fresh.serverId)), lines.getFirst())).isTrue();

            // After a restart with the new key alone: secrets and the admin token still verify (their hash keys moved along).
            TestServer again = server.restart();
            running = again;
            {
                for (OAuthFixture f : servers) {
                    var r = again.http.send(again.http.request(f.issuer.replaceFirst("localhost:\\d+", "localhost:" + again.app().port())
                            + "/oauth/token").header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(OAuthFixture.form("grant_type",
                                    "client_credentials", "client_id", f.clientId, "client_secret", f.clientSecret))));
                    assertThat(r.status()).as(r.toString()).isEqualTo(200);
                }
                assertThat(again.http.get("/v1/auth-servers").status()).isEqualTo(200);
            }
        } finally {
            running.close();
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Runs {@code tessera master-key rotate} in a child JVM, halting after {@code haltAt} ("" to finish). */
    private static int rotate(Path dataDir, String haltAt) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-D" + MasterKeyCommand.HALT_PROPERTY + "=" + haltAt,
                "-Dtessera.crypto.native=false", "-cp", System.getProperty("java.class.path"), "dev.tessera.cli.Main",
                "master-key", "rotate");
        pb.environment().keySet().removeIf(k -> k.startsWith("TESSERA_"));
        pb.environment().put("TESSERA_DATA_DIR", dataDir.toString());
        pb.redirectErrorStream(true);
        Path log = dataDir.resolve("rotate-" + haltAt + ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("rotation finished").isTrue();
        if (p.exitValue() != 0 && p.exitValue() != 137) {
            throw new AssertionError("rotation failed: " + Files.readString(log, StandardCharsets.UTF_8));
        }
        return p.exitValue();
    }

    /** Reads every key of these auth servers with the keys the key file holds now, as a starting node would. */
    private static void assertEveryKeyDecrypts(Path dataDir, List<UUID> ids, int expected) {
        TesseraConfig config = TesseraConfig.from(Map.of("TESSERA_DATA_DIR", dataDir.toString()));
        try (Database db = Database.open(config)) {
            MasterKeys keys = MasterKeys.load(Optional.empty(), Optional.empty(), dataDir.resolve("master.key"));
            keys.verify(db.jdbc());
            KeyEncryption ring = new KeyEncryption(keys.current().derive(MasterKey.SIGNING_KEY_PURPOSE),
                    keys.previous().map(k -> k.derive(MasterKey.SIGNING_KEY_PURPOSE)).stream().toList(), CRYPTO);
            SigningKeyStore store = new SigningKeyStore(db.jdbc(), new KeyPairs(CRYPTO), ring);
            int total = 0;
            for (UUID id : ids) {
                total += store.published(id).size();
            }
            assertThat(total).isEqualTo(expected);
        }
    }

    private static boolean decryptsWithKey(Path dataDir, List<UUID> ids, String base64Key) {
        TesseraConfig config = TesseraConfig.from(Map.of("TESSERA_DATA_DIR", dataDir.toString()));
        try (Database db = Database.open(config)) {
            MasterKey key = MasterKey.loadFrom(Optional.of(base64Key), dataDir.resolve("unused"));
            SigningKeyStore store = new SigningKeyStore(db.jdbc(), new KeyPairs(CRYPTO),
                    new KeyEncryption(key.derive(MasterKey.SIGNING_KEY_PURPOSE), CRYPTO));
            for (UUID id : ids) {
                store.published(id);
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
