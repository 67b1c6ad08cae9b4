package dev.tessera.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.declarative.ConfigFiles;
import dev.tessera.support.Backend;
import dev.tessera.support.BothBackends;
import dev.tessera.support.Http;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.TestServer;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tessera apply} and {@code tessera export} against real servers: the documented example
 * applied, idempotent, planned; then exported from one server and applied to an empty second one,
 * which then exports the same file and issues tokens of the same shape.
 */
class ConfigCommandTest {
    private static final Path EXAMPLE = Path.of("docs", "examples", "tessera.yaml");
    private static final String SECRET = "billing-secret-for-the-test-0123456789";

    record Run(int exit, String out, String err) {
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

    private static Map<String, String> env(TestServer server) {
        Map<String, String> env = new HashMap<>();
        env.put("TESSERA_PUBLIC_URL", "http://localhost:" + server.app().adminPort());
        env.put("TESSERA_ADMIN_TOKEN", TestServer.ADMIN_TOKEN);
        env.put("BILLING_CLIENT_SECRET", SECRET);
        return env;
    }

    @BothBackends
    void exportFromOneServerAppliedToAnEmptyOneReproducesIt(Backend backend) throws Exception {
        Path dir = Files.createTempDirectory("tessera-config");
        try (TestServer a = TestServer.start(backend); TestServer b = TestServer.start(backend)) {
            Map<String, String> envA = env(a);
            Run first = run(envA, "apply", "-f", EXAMPLE.toString());
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out()).contains("+ create auth server payments", "+ create scope payments:read (auth server payments)",
                    "+ create client billing-service (auth server payments)", "    client_secret: \"[REDACTED]\"",
                    "Applied: 8 created, 0 updated, 0 deleted.").doesNotContain(SECRET);
            Run second = run(envA, "apply", "-f", EXAMPLE.toString());
            assertThat(second.exit()).isZero();
            assertThat(second.out().strip()).isEqualTo("No changes: the server matches the file.");

            Path exportA = dir.resolve("a.yaml");
            Run exported = run(envA, "export", "-o", exportA.toString());
            assertThat(exported.exit()).as(exported.err()).isZero();
            String textA = Files.readString(exportA);
            assertThat(textA).doesNotContain(SECRET).doesNotContain("client_secret:").doesNotContain("id:")
                    .contains("name: payments");

            Map<String, String> envB = env(b);
            Run toB = run(envB, "apply", "-f", exportA.toString());
            assertThat(toB.exit()).as(toB.err()).isZero();
            Path exportB = dir.resolve("b.yaml");
            assertThat(run(envB, "export", "-o", exportB.toString()).exit()).isZero();
            assertThat(Files.readString(exportB)).isEqualTo(textA);

            // The export holds no secrets: B's client got a generated one; the file's reference sets it.
            ObjectNode withSecret = ConfigFiles.read(Files.readAllBytes(exportA));
            for (JsonNode client : withSecret.path("auth_servers").get(0).path("clients")) {
                if (client.path("name").asText().equals("billing-service")) {
                    ((ObjectNode) client).put("client_secret", "${file:" + dir.resolve("secret.txt") + "}");
                }
            }
            Files.writeString(dir.resolve("secret.txt"), SECRET + "\n");
            Path withSecretFile = dir.resolve("with-secret.json");
            Files.writeString(withSecretFile, ConfigFiles.json(withSecret));
            Run planned = run(envB, "apply", "--dry-run", "-f", withSecretFile.toString());
            assertThat(planned.out()).contains("~ update client billing-service (auth server payments)",
                    "    client_secret: \"[REDACTED]\" -> \"[REDACTED]\"", "Dry run: nothing was changed.");
            assertThat(run(envB, "apply", "-f", withSecretFile.toString()).exit()).isZero();

            JsonNode tokenA = token(a);
            JsonNode tokenB = token(b);
            assertThat(fieldNames(tokenA.get(0))).isEqualTo(fieldNames(tokenB.get(0)));
            assertThat(fieldNames(tokenA.get(1))).isEqualTo(fieldNames(tokenB.get(1)))
                    .contains("tenant", "can_refund", "caller", "scope", "aud");
            for (String claim : List.of("scope", "aud", "tenant", "can_refund", "caller")) {
                assertThat(tokenB.get(1).get(claim)).as(claim).isEqualTo(tokenA.get(1).get(claim));
            }
            assertThat(tokenA.get(1).path("caller").asText()).isEqualTo("BILLING-SERVICE");
        }
    }

    /** Header and payload of a token for billing-service with payments:write, from this server. */
    private static JsonNode token(TestServer server) {
        Http http = server.http;
        String as = http.get("/v1/auth-servers?filter[name]=payments").json().path("data").get(0).path("id").asText();
        String issuer = http.get("/v1/auth-servers/" + as).text("issuer");
        String clientId = http.get("/v1/auth-servers/" + as + "/clients?filter[name]=billing-service").json()
                .path("data").get(0).path("id").asText();
        var r = http.send(http.request(issuer + "/oauth/token").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(OAuthFixture.form("grant_type", "client_credentials",
                        "client_id", clientId, "client_secret", SECRET, "scope", "payments:write"))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        String jwt = r.text("access_token");
        return Http.JSON.createArrayNode().add(OAuthFixture.part(jwt, 0)).add(OAuthFixture.part(jwt, 1));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }

    @BothBackends
    void problemsAreListedAtTheirPlaceInTheFileAndNothingChanges(Backend backend) throws IOException {
        try (TestServer server = TestServer.start(backend)) {
            Map<String, String> env = env(server);
            env.remove("BILLING_CLIENT_SECRET");
            Run unresolved = run(env, "apply", "-f", EXAMPLE.toString());
            assertThat(unresolved.exit()).isEqualTo(1);
            assertThat(unresolved.err()).contains(EXAMPLE + ": auth_servers[0].clients[0].client_secret: "
                    + "environment variable BILLING_CLIENT_SECRET is not set", "nothing was changed");

            Path bad = Files.createTempFile("tessera-bad", ".yaml");
            Files.writeString(bad, """
                    auth_servers:
                      - name: a
                        audience: https://api.test
                        scopes: [{name: read}, {name: read}]
                        clients:
                          - {name: c, grant_types: [client_credentials], response_types: [token], allow_scopes: [write]}
                    """);
            Run refused = run(env, "apply", "-f", bad.toString());
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains(bad + ": auth_servers[0].scopes[1].name: duplicates the name [read] of "
                            + "auth_servers[0].scopes[0]",
                    bad + ": auth_servers[0].clients[0].allow_scopes[0]: no scope named [write] in this auth server's scopes",
                    "the server refused the file (400); nothing was changed");
            assertThat(server.http.get("/v1/auth-servers").json().path("data")).isEmpty();

            Files.writeString(bad, "auth_servers: [\n");
            Run unreadable = run(env, "apply", "-f", bad.toString());
            assertThat(unreadable.exit()).isEqualTo(1);
            assertThat(unreadable.err()).contains(bad + " is not valid YAML or JSON (line ");

            env.remove("TESSERA_ADMIN_TOKEN");
            Run noToken = run(env, "export");
            assertThat(noToken.exit()).isEqualTo(2);
            assertThat(noToken.err()).contains("TESSERA_ADMIN_TOKEN is not set");
            env.put("TESSERA_ADMIN_TOKEN", "tsr_wrong");
            Run wrongToken = run(env, "export");
            assertThat(wrongToken.exit()).isEqualTo(1);
            assertThat(wrongToken.err()).contains("refused the admin token");
        }
    }
}
