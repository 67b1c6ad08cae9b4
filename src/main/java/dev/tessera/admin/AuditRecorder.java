package dev.tessera.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.admintoken.AdminToken;
import dev.tessera.audit.AuditEvent;
import dev.tessera.audit.AuditLog;
import dev.tessera.audit.SecretRedaction;
import dev.tessera.http.Json;
import dev.tessera.http.JsonBody;
import dev.tessera.http.Responses;
import dev.tessera.store.Timestamps;
import dev.tessera.token.TokenIds;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * Records a successful management change (POST, PUT, PATCH, DELETE under {@code /v1}) that the
 * services did not audit themselves. The services store their events in the transaction of the
 * change ({@link Changes}); this after-the-fact recorder is the fallback for a route that changes
 * something without them, so no change goes unrecorded. It runs after the route, so after the
 * change has committed: a crash between the commit and this write loses the event.
 */
final class AuditRecorder implements Handler {
    private static final Logger log = LoggerFactory.getLogger(AuditRecorder.class);
    private static final Set<HandlerType> WRITES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);

    private final AuditLog audit;

    AuditRecorder(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void handle(Context ctx) {
        int status = ctx.statusCode();
        if (!WRITES.contains(ctx.method()) || status < 200 || status >= 300
                || ctx.attribute(Changes.AUDITED_ATTRIBUTE) != null) {
            return;
        }
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        AdminToken actor = ctx.attribute(AdminAuthentication.TOKEN_ATTRIBUTE);
        // test-claim renders templates and changes nothing.
        if (endpoint == null || actor == null || endpoint.path.endsWith("/test-claim")) {
            return;
        }
        try {
            audit.record(event(ctx, endpoint.path, actor, status));
        } catch (RuntimeException e) {
            // The change has committed: its response must not turn into an error now.
            log.error("could not record an audit event for {} {}, trace {}", ctx.method(), ctx.path(),
                    Responses.traceId(ctx), e);
        }
    }

    private static AuditEvent event(Context ctx, String template, AdminToken actor, int status) {
        AuditedResource resource = AuditedResource.of(template, ctx.path());
        String id = resource.id() != null ? resource.id() : createdId(ctx);
        ObjectNode body = ctx.attribute(JsonBody.PARSED_ATTRIBUTE);
        ObjectNode changes = body == null ? JsonNodeFactory.instance.objectNode() : SecretRedaction.redact(body);
        String authServerId = resource.authServerId() != null ? resource.authServerId()
                : resource.type().equals("auth_server") ? id : null;
        // The query is part of what was asked for (e.g. DELETE ...?force=true).
        String path = ctx.queryString() == null || ctx.queryString().isEmpty() ? ctx.path() : ctx.path() + "?" + ctx.queryString();
        return new AuditEvent(TokenIds.next(), Timestamps.nowMicros(), actor.id(), actor.name(), ctx.method().name(),
                resource.type(), id, authServerId, path, status, changes, Responses.traceId(ctx));
    }

    /** A create answers with the new resource; its id is the one thing read from the response. */
    private static String createdId(Context ctx) {
        if (ctx.method() == HandlerType.DELETE) {
            return null;
        }
        try {
            String result = ctx.result();
            if (result == null || result.isEmpty()) {
                return null;
            }
            JsonNode created = Json.MAPPER.readTree(result);
            JsonNode id = created.has("id") ? created.path("id") : created.path("kid"); // signing keys are named by kid
            return id.isTextual() ? id.asText() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
