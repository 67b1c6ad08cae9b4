package dev.tessera.cli;

import dev.tessera.App;
import dev.tessera.admintoken.AdminTokens;
import dev.tessera.config.ConfigException;
import dev.tessera.config.TesseraConfig;
import dev.tessera.store.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code tessera [serve] | migrate | admin-token create --name NAME}. Settings come from TESSERA_* variables. */
@Command(name = "tessera", mixinStandardHelpOptions = true, version = "tessera 0.1.0",
        description = "Self-hosted OAuth 2.0 / OpenID Connect token service for machine-to-machine access.",
        subcommands = {Main.Serve.class, Main.Migrate.class, Main.AdminToken.class})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException) {
                System.err.println("tessera: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }

    /** No subcommand means serve. */
    @Override
    public Integer call() throws Exception {
        return new Serve().call();
    }

    private static TesseraConfig config() {
        TesseraConfig config = TesseraConfig.fromEnvironment();
        Logging.configure(config.logFormat());
        return config;
    }

    @Command(name = "serve", description = "Run the server (the default command).")
    static final class Serve implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            App app = App.start(config());
            CountDownLatch stopped = new CountDownLatch(1);
            // SIGTERM: finish in-flight requests, commit queued token records, then flush the log queue.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    app.close();
                } finally {
                    Logging.stop();
                    stopped.countDown();
                }
            }, "tessera-shutdown"));
            stopped.await();
            return 0;
        }
    }

    @Command(name = "migrate", description = "Apply database migrations and exit.")
    static final class Migrate implements Callable<Integer> {
        @Override
        public Integer call() {
            try (Database db = Database.open(config())) {
                db.migrate();
                System.out.println("database is up to date");
            }
            return 0;
        }
    }

    @Command(name = "admin-token", description = "Manage admin tokens.", subcommands = AdminToken.Create.class)
    static final class AdminToken implements Callable<Integer> {
        @Override
        public Integer call() {
            new CommandLine(this).usage(System.out);
            return 0;
        }

        @Command(name = "create", description = "Create an admin token and print it (it is shown only once).")
        static final class Create implements Callable<Integer> {
            @Option(names = "--name", required = true, description = "What the token is for, e.g. ci or alice.")
            String name;

            @Override
            public Integer call() {
                if (name.isBlank() || name.length() > 255) {
                    throw new CommandLine.ParameterException(new CommandLine(this), "--name must be 1 to 255 characters");
                }
                try (Database db = Database.open(config())) {
                    db.migrate();
                    System.out.println(new AdminTokens(db.jdbc()).create(name.strip()));
                }
                return 0;
            }
        }
    }
}
