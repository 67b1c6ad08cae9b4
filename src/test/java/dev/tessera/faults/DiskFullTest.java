package dev.tessera.faults;

import dev.tessera.support.Backend;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.TestServer;
import dev.tessera.token.TokenIds;
import dev.tessera.token.TokenRecord;
import dev.tessera.token.TokenRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SQLite on a real, small file system (tmpfs) that fills up: no token is answered with 200
 * without its record, and once space returns the node works again without a restart.
 */
class DiskFullTest {
    /** More failed writes than the pool has connections: a leak on the error path would empty the pool. */
    private static final int FAILED_WRITES = 12;

    private Path mount;

    @BeforeEach
    void mountSmallFileSystem() throws Exception {
        mount = Files.createTempDirectory("tessera-full");
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        boolean mounted = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        assumeTrue(mounted, "cannot mount a tmpfs here (needs root and mount rights): disk-full test skipped: " + output);
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            new ProcessBuilder("umount", "-l", mount.toString()).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFullDiskRefusesTokensAndTheNodeRecoversWhenSpaceReturns() throws Exception {
        try (TestServer server = TestServer.start(Backend.SQLITE, Map.of("TESSERA_DATA_DIR", mount.toString()))) {
            OAuthFixture f = new OAuthFixture(server, "http://api.test").client(List.of(), Map.of());
            String before = f.accessToken(null);
            Http http = server.http;

            Path filler = mount.resolve("filler");
            fill(filler);

            // The writer's error path, many times over: every failed write must give its connection back.
            TokenRepository tokens = new TokenRepository(server.app().database().jdbc());
            try (TokenRepository.Writer writer = tokens.openWriter()) {
                for (int i = 0; i < FAILED_WRITES; i++) {
                    long now = System.currentTimeMillis() * 1000;
                    List<TokenRecord> records = List.of(new TokenRecord(UUID.fromString(f.serverId), TokenIds.next(),
                            f.clientId, List.of("x".repeat(2_000_000)), now, now + 300_000_000L)); // more than the WAL can reuse
                    assertThatThrownBy(() -> writer.write(records)).as("write %d on a full disk", i).isNotNull();
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (http.send(http.request("/health/ready").GET()).status() != 503) {
                assertThat(System.nanoTime()).as("not ready within 10 s of the disk filling up").isLessThan(deadline);
                Thread.sleep(50); // polling a condition with a deadline
            }
            for (int i = 0; i < 5; i++) {
                Outages.assertUnavailable(f.tokenPost(null));
            }

            Files.delete(filler);

            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (http.send(http.request("/health/ready").GET()).status() != 200) {
                assertThat(System.nanoTime()).as("ready again within 20 s").isLessThan(deadline);
                Thread.sleep(50); // polling a condition with a deadline
            }
            String after = f.accessToken(null);
            assertThat(http.post("/v1/auth-servers/" + f.serverId + "/scopes", Http.json("name", "after-full")).status())
                    .isEqualTo(201);
            assertThat(server.app().database().jdbc().query("SELECT id FROM tokens WHERE client_id = ?",
                    rs -> rs.getString(1), f.clientId)).containsExactlyInAnyOrder(Outages.jti(before), Outages.jti(after));
        }
    }

    /** Writes until the file system says it is full. */
    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException expected) {
            assertThat(expected.getMessage()).containsIgnoringCase("space");
        }
    }
}
