package dev.tessera.cli;

import dev.tessera.declarative.ConfigFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code tessera export [-o file] [--format yaml|json] [--server URL]}: writes a running server's
 * configuration in the format {@code apply} reads, without ids, secrets or private keys.
 */
@Command(name = "export", description = "Write a server's configuration as a file apply reads (no secrets).")
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    Main main;
    @Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = "--server", description = "The server's URL (default: TESSERA_PUBLIC_URL, else http://localhost:8080).")
    String server;
    @Option(names = {"-o", "--output"}, description = "The file to write (default: standard output).")
    Path output;
    @Option(names = "--format", description = "yaml (default) or json; a .json output file means json.")
    String format;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String chosen = format != null ? format : output != null && output.toString().endsWith(".json") ? "json" : "yaml";
        if (!chosen.equals("yaml") && !chosen.equals("json")) {
            err.println("tessera: --format must be yaml or json");
            return 2;
        }
        try {
            ManagementClient client = ManagementClient.from(server, main.env());
            ManagementClient.Response r = client.get("/v1/config");
            if (r.status() != 200) {
                err.println("tessera: " + client.base() + " answered " + r.status() + ": " + r.json().path("detail").asText());
                return 1;
            }
            String text = chosen.equals("json") ? ConfigFiles.json(r.json()) : ConfigFiles.yaml(r.json());
            if (output == null) {
                spec.commandLine().getOut().print(text);
                spec.commandLine().getOut().flush();
            } else {
                Files.writeString(output, text, StandardCharsets.UTF_8);
            }
            return 0;
        } catch (ManagementClient.Failure e) {
            err.println("tessera: " + e.getMessage());
            return e.exitCode;
        } catch (IOException e) {
            err.println("tessera: cannot write " + output + " (" + e.getClass().getSimpleName() + ")");
            return 1;
        }
    }
}
