package dev.tessera.store;

import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import org.flywaydb.core.Flyway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** V4 on a database where the key-creation race already left two active keys: the newest stays active. */
class OneActiveKeyMigrationTest {

    @BothBackends
    void aDatabaseWithTwoActiveKeysKeepsTheNewestActiveAndTheOtherPublished(Backend backend) throws Exception {
        String url;
        Path dir = null;
        if (backend == Backend.POSTGRESQL) {
            assumeTrue(Backend.postgresReachable(), "PostgreSQL not reachable: skipped");
            url = Backend.newPostgresSchema();
        } else {
            dir = Files.createTempDirectory("tessera-migration");
            url = "jdbc:sqlite:" + dir.resolve("t.db");
        }
        try {
            Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("2").load().migrate();
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("INSERT INTO auth_servers (id, slug, name, description, audience, signing_algorithm, trusted_origins, "
                        + "created_at, updated_at) VALUES ('as1', 'slug000000000000', 'n', '', 'a', 'RS256', '[]', 1, 1)");
                s.execute("INSERT INTO signing_keys VALUES ('as1', 'old', 'p', 'k', 1000, TRUE, NULL)");
                s.execute("INSERT INTO signing_keys VALUES ('as1', 'new', 'p', 'k', 2000, TRUE, NULL)");
            }
            Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("4").load().migrate();
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                assertThat(rows(s, "SELECT kid, active, retire_after FROM signing_keys ORDER BY kid"))
                        .containsExactly("new true null", "old false " + (2000 + 2_592_000_000_000L));
                assertThatThrownBy(() -> s.execute("UPDATE signing_keys SET active = TRUE WHERE kid = 'old'"))
                        .isInstanceOf(SQLException.class);
            }
            // V9 carries the same facts into the key lifecycle: states, the algorithm, the removal time.
            Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").load().migrate();
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                assertThat(rows(s, "SELECT kid, state, alg, removes_at FROM signing_keys ORDER BY kid"))
                        .containsExactly("new active RS256 null", "old retired RS256 " + (2000 + 2_592_000_000_000L));
                assertThatThrownBy(() -> s.execute("UPDATE signing_keys SET state = 'active' WHERE kid = 'old'"))
                        .isInstanceOf(SQLException.class);
            }
        } finally {
            if (backend == Backend.POSTGRESQL) {
                Backend.dropPostgresSchema(url);
            } else {
                Files.deleteIfExists(dir.resolve("t.db"));
                Files.deleteIfExists(dir);
            }
        }
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        if (sql.contains("state")) {
            List<String> out = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    long removes = rs.getLong(4);
                    String removesAt = rs.wasNull() ? "null" : Long.toString(removes);
                    out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + removesAt);
                }
            }
            return out;
        }
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                long retire = rs.getLong(3);
                String retireAfter = rs.wasNull() ? "null" : Long.toString(retire);
                out.add(rs.getString(1) + " " + rs.getBoolean(2) + " " + retireAfter);
            }
        }
        return out;
    }
}
