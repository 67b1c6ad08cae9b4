package dev.tessera.admintoken;

import java.io.PrintStream;

/**
 * Shows the generated first admin token on the console. It goes to standard output directly,
 * never through the loggers: log lines are shipped, stored and searched, a token must not be.
 */
public final class BootstrapNotice {
    private BootstrapNotice() {
    }

    public static void print(PrintStream console, String token) {
        console.println("""

                ================================================================
                No admin token existed, so one was created. It is shown only now:

                    %s

                Use it as: Authorization: Bearer <token>
                ================================================================
                """.formatted(token));
        console.flush();
    }
}
