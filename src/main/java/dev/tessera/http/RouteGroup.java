package dev.tessera.http;

import io.javalin.router.JavalinDefaultRoutingApi;

/** A feature's HTTP routes; {@code App} hands each group to the server at start-up. */
@FunctionalInterface
public interface RouteGroup {
    void addTo(JavalinDefaultRoutingApi routes);
}
