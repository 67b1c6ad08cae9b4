package dev.tessera.http;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * On stop, Jetty closes its listening sockets first, then waits up to {@link #STOP_TIMEOUT_MILLIS}
 * for the requests already in flight to finish, and only then closes the connections; without
 * it a SIGTERM cuts every request in progress.
 */
final class GracefulStop {
    static final long STOP_TIMEOUT_MILLIS = 10_000;

    private GracefulStop() {
    }

    static void install(Server server) {
        server.setStopTimeout(STOP_TIMEOUT_MILLIS);
        // Inserted directly under the server, around the handlers already there; Javalin attaches
        // its own handler inside the innermost wrapper, i.e. inside this one.
        server.insertHandler(new GracefulHandler());
    }
}
