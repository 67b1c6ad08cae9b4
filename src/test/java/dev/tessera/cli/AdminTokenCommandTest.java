package dev.tessera.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tessera admin-token create|list|revoke} against a real SQLite database. */
class AdminTokenCommandTest {
    @TempDir
    Path dataDir;

    record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        return run(Map.of("TESSERA_DATA_DIR", dataDir.toString()), args);
    }

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(new Main(env, false));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void createListAndRevoke() {
        Run created = run("admin-token", "create", "--name", "ci");
        assertThat(created.exit()).isZero();
        String token = created.out().strip();
        assertThat(token).matches("tsr_[A-Za-z0-9]{40}");
        Run viewer = run("admin-token", "create", "--name", "viewer", "--read-only");
        assertThat(viewer.exit()).isZero();

        Run list = run("admin-token", "list");
        assertThat(list.exit()).isZero();
        String[] lines = list.out().strip().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).contains("ID", "ACCESS", "SOURCE", "CREATED", "LAST USED", "NAME");
        assertThat(list.out()).contains("ci").contains("viewer").contains("read-only").contains("cli").contains("never")
                .doesNotContain(token).doesNotContain(viewer.out().strip()).doesNotContain("hmac");

        Run revoked = run("admin-token", "revoke", "ci");
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(revoked.out()).contains("revoked admin token");
        String viewerId = run("admin-token", "list").out().lines().filter(l -> l.endsWith("viewer")).findFirst()
                .orElseThrow().substring(0, 36);
        assertThat(run("admin-token", "revoke", viewerId).exit()).isZero();
        assertThat(run("admin-token", "list").out().strip().split("\n")).hasSize(1);
    }

    @Test
    void revokingAnUnknownOrAmbiguousTokenFails() {
        run("admin-token", "create", "--name", "twin");
        run("admin-token", "create", "--name", "twin");
        Run ambiguous = run("admin-token", "revoke", "twin");
        assertThat(ambiguous.exit()).isEqualTo(1);
        assertThat(ambiguous.err()).contains("2 admin tokens are named twin; revoke one by id");
        Run unknown = run("admin-token", "revoke", "nobody");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no admin token has the id or name nobody");
        assertThat(run("admin-token", "create", "--name", " ").exit()).isEqualTo(2);
    }

    @Test
    void aCommandWithAnotherMasterKeyIsRefused() {
        assertThat(run("admin-token", "list").exit()).isZero(); // creates the key file and the check value
        Run wrong = run(Map.of("TESSERA_DATA_DIR", dataDir.toString(),
                "TESSERA_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32])), "admin-token", "create", "--name", "x");
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.err()).contains("master key does not match");
    }
}
