package dev.tessera.store;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaVersionTest {

    @Test
    void schemaVersionConstantNamesTheNewestMigration() throws IOException {
        int newest = Math.max(newest("migration"), Math.max(newest("postgresql"), newest("sqlite")));
        assertThat(Database.SCHEMA_VERSION).isEqualTo(newest);
    }

    /** A version whose SQL differs by database exists for both, so both schemas move in step. */
    @Test
    void databaseSpecificMigrationsComeInPairs() throws IOException {
        assertThat(versions("postgresql")).isEqualTo(versions("sqlite"));
    }

    private static int newest(String folder) throws IOException {
        return versions(folder).stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private static java.util.Set<Integer> versions(String folder) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db", folder))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }
}
