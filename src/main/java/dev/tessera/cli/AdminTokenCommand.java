package dev.tessera.cli;

import dev.tessera.admintoken.AdminToken;
import dev.tessera.admintoken.AdminTokens;
import dev.tessera.config.TesseraConfig;
import dev.tessera.crypto.MasterKey;
import dev.tessera.crypto.MasterKeys;
import dev.tessera.store.Database;
import dev.tessera.store.Page;
import dev.tessera.store.PageRequest;
import dev.tessera.store.Timestamps;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code tessera admin-token create|list|revoke}: works on the database directly, also while
 * servers run; they accept a new token on first use and refuse a revoked one within a second.
 */
@Command(name = "admin-token", description = "Manage admin tokens.",
        subcommands = {AdminTokenCommand.Create.class, AdminTokenCommand.ListTokens.class, AdminTokenCommand.Revoke.class})
final class AdminTokenCommand implements Callable<Integer> {
    @ParentCommand
    Main main;
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Opens the database (migrated), checks the master key, and runs the work with the tokens. */
    private int withTokens(Function<AdminTokens, Integer> work) {
        TesseraConfig config = main.config();
        try (Database db = Database.open(config)) {
            db.migrate();
            MasterKeys keys = MasterKeys.load(config.masterKey(), config.keys().masterKeyPrevious(),
                    config.keys().masterKeyFileIn(config.dataDir()));
            keys.verify(db.jdbc());
            return work.apply(new AdminTokens(db.jdbc(), keys.hashKeys(db.jdbc()).adminTokenHash()));
        }
    }

    @Command(name = "create", description = "Create an admin token and print it (it is shown only once).")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        AdminTokenCommand parent;
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--name", required = true, description = "What the token is for, e.g. ci or alice.")
        String name;
        @Option(names = "--read-only", description = "The token may only read (GET); any change is refused with 403.")
        boolean readOnly;

        @Override
        public Integer call() {
            if (name.isBlank() || name.length() > AdminTokens.MAX_NAME_LENGTH) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--name must be 1 to 255 characters");
            }
            return parent.withTokens(tokens -> {
                spec.commandLine().getOut().println(tokens.create(name.strip(), readOnly, AdminToken.Source.CLI).value());
                return 0;
            });
        }
    }

    @Command(name = "list", description = "List admin tokens (never their values).")
    static final class ListTokens implements Callable<Integer> {
        @ParentCommand
        AdminTokenCommand parent;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return parent.withTokens(tokens -> {
                PrintWriter out = spec.commandLine().getOut();
                String format = "%-36s  %-9s  %-9s  %-27s  %-27s  %s%n";
                out.printf(format, "ID", "ACCESS", "SOURCE", "CREATED", "LAST USED", "NAME");
                for (AdminToken t : all(tokens)) {
                    out.printf(format, t.id(), t.readOnly() ? "read-only" : "full", t.source().value(),
                            Timestamps.format(t.createdAt()), t.lastUsedAt() == null ? "never" : Timestamps.format(t.lastUsedAt()),
                            t.name());
                }
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "revoke", description = "Revoke an admin token by id (or by name when exactly one token has it).")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        AdminTokenCommand parent;
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "ID_OR_NAME", description = "The token's id, as `list` shows it, or its name.")
        String idOrName;

        @Override
        public Integer call() {
            return parent.withTokens(tokens -> {
                List<AdminToken> matches = all(tokens).stream()
                        .filter(t -> t.id().toString().equalsIgnoreCase(idOrName) || t.name().equals(idOrName)).toList();
                if (matches.size() != 1) {
                    spec.commandLine().getErr().println(matches.isEmpty()
                            ? "tessera: no admin token has the id or name " + idOrName
                            : "tessera: " + matches.size() + " admin tokens are named " + idOrName + "; revoke one by id");
                    return 1;
                }
                AdminToken token = matches.getFirst();
                tokens.revoke(token.id());
                spec.commandLine().getOut().println("revoked admin token " + token.id() + " (" + token.name()
                        + "); running servers refuse it within a second");
                return 0;
            });
        }
    }

    private static List<AdminToken> all(AdminTokens tokens) {
        List<AdminToken> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            Page<AdminToken> p = tokens.list(new PageRequest(page, 100, List.of(), List.of()));
            out.addAll(p.items());
            if (p.items().size() < 100) {
                return out;
            }
        }
    }
}
