package dev.tessera.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.admintoken.AdminToken;
import dev.tessera.audit.AuditLog;
import dev.tessera.authserver.AuthServerEvents;
import dev.tessera.http.JsonBody;
import dev.tessera.http.Responses;
import dev.tessera.store.Jdbc;
import io.javalin.http.Context;

import java.util.function.Function;

/**
 * Runs management changes: each call is one transaction holding the change and its audit
 * events; once it has committed, the audit log lines are written and the change events sent.
 * A failure anywhere rolls everything back, events included.
 */
final class Changes {
    /** Set on a request whose changes were audited by a service, so {@link AuditRecorder} leaves it alone. */
    static final String AUDITED_ATTRIBUTE = "tessera.audited";

    private final Jdbc jdbc;
    private final AuditLog audit;
    private final AuthServerEvents events;

    Changes(Jdbc jdbc, AuditLog audit, AuthServerEvents events) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
    }

    <T> T run(Change.Origin origin, Change.Request request, Function<Change, T> work) {
        Change[] change = new Change[1];
        T result = jdbc.inTransaction(tx -> {
            change[0] = new Change(tx, origin, request, audit, events);
            return work.apply(change[0]);
        });
        change[0].committed();
        return result;
    }

    /** The change an HTTP request asks for, audited as that request (its method, path and JSON body). */
    <T> T run(Context ctx, Function<Change, T> work) {
        T result = run(origin(ctx), request(ctx), work);
        ctx.attribute(AUDITED_ATTRIBUTE, true);
        return result;
    }

    static Change.Origin origin(Context ctx) {
        AdminToken actor = ctx.attribute(AdminAuthentication.TOKEN_ATTRIBUTE);
        return actor == null ? new Change.Origin(null, null, Responses.traceId(ctx))
                : new Change.Origin(actor.id(), actor.name(), Responses.traceId(ctx));
    }

    static Change.Request request(Context ctx) {
        ObjectNode body = ctx.attribute(JsonBody.PARSED_ATTRIBUTE);
        // The query is part of what was asked for (e.g. DELETE ...?force=true).
        String query = ctx.queryString();
        String path = query == null || query.isEmpty() ? ctx.path() : ctx.path() + "?" + query;
        return new Change.Request(ctx.method().name(), path, body);
    }
}
