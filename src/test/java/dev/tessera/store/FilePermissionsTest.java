package dev.tessera.store;

import dev.tessera.support.Backend;
import dev.tessera.support.Http;
import dev.tessera.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The data directory and everything secret in it are readable by Tessera's user only. */
class FilePermissionsTest {

    private static String permissions(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aNewDataDirectoryAndItsFilesArePrivate(@TempDir Path parent) throws IOException {
        Path dataDir = parent.resolve("nested").resolve("data");
        try (TestServer server = TestServer.start(Backend.SQLITE, Map.of("TESSERA_DATA_DIR", dataDir.toString()))) {
            var r = server.http.post("/v1/auth-servers", Http.json("name", "perm", "audience", "a"));
            assertThat(r.status()).isEqualTo(201);
            assertThat(permissions(dataDir)).isEqualTo("rwx------");
            for (String name : new String[]{"tessera.db", "tessera.db-wal", "tessera.db-shm", "master.key"}) {
                assertThat(dataDir.resolve(name)).exists();
                assertThat(permissions(dataDir.resolve(name))).as(name).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void worldReadableDatabaseFilesFromAnEarlierVersionAreTightened(@TempDir Path dataDir) throws IOException {
        try (TestServer first = TestServer.start(Backend.SQLITE, Map.of("TESSERA_DATA_DIR", dataDir.toString()))) {
            assertThat(first.http.post("/v1/auth-servers", Http.json("name", "perm", "audience", "a")).status()).isEqualTo(201);
        }
        Files.setPosixFilePermissions(dataDir.resolve("tessera.db"), PosixFilePermissions.fromString("rw-r--r--"));
        try (TestServer second = TestServer.start(Backend.SQLITE, Map.of("TESSERA_DATA_DIR", dataDir.toString()))) {
            assertThat(second.http.get("/v1/auth-servers").status()).isEqualTo(200);
            assertThat(permissions(dataDir.resolve("tessera.db"))).isEqualTo("rw-------");
        }
    }
}
