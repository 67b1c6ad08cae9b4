package dev.tessera.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.declarative.ConfigFiles;
import dev.tessera.declarative.SecretReferences;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tessera apply -f tessera.yaml [--dry-run] [--prune] [--server URL]}: makes a running
 * server's auth servers, scopes, claims and clients match the file, by name, in one transaction
 * (docs/CONFIG-AS-CODE.md). Secret references are resolved here, never on the server.
 */
@Command(name = "apply", description = "Make a server's configuration match a file (YAML or JSON), by name.")
final class ApplyCommand implements Callable<Integer> {
    @ParentCommand
    Main main;
    @Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = {"-f", "--file"}, required = true, description = "The configuration file; - reads standard input.")
    String file;
    @Option(names = "--server", description = "The server's URL (default: TESSERA_PUBLIC_URL, else http://localhost:8080).")
    String server;
    @Option(names = "--dry-run", description = "Print the plan and change nothing.")
    boolean dryRun;
    @Option(names = "--prune", description = "Also delete auth servers, scopes, claims and clients the file does not name.")
    boolean prune;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ObjectNode document = read();
            List<SecretReferences.Problem> unresolved = SecretReferences.resolve(document, main.env());
            if (!unresolved.isEmpty()) {
                unresolved.forEach(p -> err.println(file + ": " + p.path() + ": " + p.reason()));
                err.println("tessera: nothing was changed");
                return 1;
            }
            ManagementClient client = ManagementClient.from(server, main.env());
            String path = (dryRun ? "/v1/config:plan" : "/v1/config:apply") + (prune ? "?prune=true" : "");
            ManagementClient.Response r = client.post(path, ConfigFiles.json(document));
            if (r.status() != 200) {
                refused(err, r.json(), r.status());
                return 1;
            }
            PlanPrinter.print(out, r.json(), dryRun);
            return 0;
        } catch (ManagementClient.Failure e) {
            err.println("tessera: " + e.getMessage());
            return e.exitCode;
        }
    }

    private ObjectNode read() {
        byte[] bytes;
        try {
            bytes = file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new ManagementClient.Failure("cannot read " + file + " (" + e.getClass().getSimpleName() + ")", 2);
        }
        try {
            return ConfigFiles.read(bytes);
        } catch (ConfigFiles.Unreadable e) {
            throw new ManagementClient.Failure(file + " " + e.getMessage(), 1);
        }
    }

    /** Every problem the server listed, each at its place in the file. */
    private void refused(PrintWriter err, JsonNode problem, int status) {
        JsonNode invalid = problem.path("invalid_parameters");
        if (invalid.isArray() && !invalid.isEmpty()) {
            for (JsonNode p : invalid) {
                err.println(file + ": " + p.path("field").asText() + ": " + p.path("reason").asText());
            }
        } else {
            err.println(file + ": " + problem.path("detail").asText("refused with status " + status));
        }
        err.println("tessera: the server refused the file (" + status + "); nothing was changed");
    }
}
