package dev.tessera.cli;

import dev.tessera.App;
import dev.tessera.config.ConfigException;
import dev.tessera.config.TesseraConfig;
import dev.tessera.store.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tessera [serve] | migrate | admin-token create|list|revoke | apply | export}. Settings
 * come from TESSERA_* variables.
 */
@Command(name = "tessera", mixinStandardHelpOptions = true, version = "tessera 0.1.0",
        description = "Self-hosted OAuth 2.0 / OpenID Connect token service for machine-to-machine access.",
        subcommands = {Main.Serve.class, Main.Migrate.class, AdminTokenCommand.class, ApplyCommand.class,
                ExportCommand.class, MasterKeyCommand.class})
public final class Main implements Callable<Integer> {
    private final Map<String, String> env;
    private final boolean configureLogging;

    public Main() {
        this(System.getenv(), true);
    }

    /** For tests: the environment is a parameter, and the test's logging is left alone. */
    Main(Map<String, String> env, boolean configureLogging) {
        this.env = env;
        this.configureLogging = configureLogging;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new Main()).execute(args));
    }

    static CommandLine commandLine(Main main) {
        CommandLine cli = new CommandLine(main);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException) {
                cmd.getErr().println("tessera: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    /** No subcommand means serve. */
    @Override
    public Integer call() throws Exception {
        Serve serve = new Serve();
        serve.main = this;
        return serve.call();
    }

    /** The environment (apply and export read TESSERA_PUBLIC_URL, TESSERA_ADMIN_TOKEN and secret references). */
    Map<String, String> env() {
        return env;
    }

    TesseraConfig config() {
        TesseraConfig config = TesseraConfig.from(env);
        if (configureLogging) {
            Logging.configure(config.logFormat());
        }
        return config;
    }

    @Command(name = "serve", description = "Run the server (the default command).")
    static final class Serve implements Callable<Integer> {
        @ParentCommand
        Main main;

        @Override
        public Integer call() throws Exception {
            App app = App.start(main.config());
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
        @ParentCommand
        Main main;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Database db = Database.open(main.config())) {
                db.migrate();
                spec.commandLine().getOut().println("database is up to date");
            }
            return 0;
        }
    }
}
