package dev.tessera.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.audit.AuditEvent;
import dev.tessera.audit.AuditLog;
import dev.tessera.audit.SecretRedaction;
import dev.tessera.authserver.AuthServerEvents;
import dev.tessera.store.Timestamps;
import dev.tessera.store.Tx;
import dev.tessera.token.TokenIds;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One management transaction as the services see it: the transaction, who asked for the change
 * and what they sent (for the audit events, stored in this same transaction), and what to do once
 * it has committed (change events, in-memory revocations). Made and committed by {@link Changes}.
 */
final class Change {
    /** The admin token that asked and the trace of the request that carried it. */
    record Origin(UUID adminTokenId, String adminTokenName, String traceId) {
    }

    /**
     * The request an audit event shows: method, path (with its query) and body. An HTTP request is
     * one; {@code apply} describes each object it changes as the request that would make it.
     */
    record Request(String method, String path, ObjectNode body) {
    }

    private final Tx tx;
    private final Origin origin;
    private final AuditLog audit;
    private final AuthServerEvents events;
    private Request request;
    private final List<AuditEvent> recorded = new ArrayList<>();
    private final Set<UUID> changedServers = new LinkedHashSet<>();
    private final Set<List<Object>> changedClients = new LinkedHashSet<>();
    private final List<Runnable> afterCommit = new ArrayList<>();

    Change(Tx tx, Origin origin, Request request, AuditLog audit, AuthServerEvents events) {
        this.tx = tx;
        this.origin = origin;
        this.request = request;
        this.audit = audit;
        this.events = events;
    }

    Tx tx() {
        return tx;
    }

    /** The request the next audit event describes. */
    void describe(Request next) {
        this.request = next;
    }

    /** Records the current request as a change of this resource, in this transaction. */
    void audit(String resourceType, String resourceId, UUID authServerId, int status) {
        ObjectNode body = request.body() == null ? JsonNodeFactory.instance.objectNode() : SecretRedaction.redact(request.body());
        AuditEvent event = new AuditEvent(TokenIds.next(), Timestamps.nowMicros(), origin.adminTokenId(),
                origin.adminTokenName(), request.method(), resourceType, resourceId,
                authServerId == null ? null : authServerId.toString(), request.path(), status, body, origin.traceId());
        audit.store(tx, event);
        recorded.add(event);
    }

    /** Configuration under this auth server changed: its in-memory views are dropped after commit. */
    void serverChanged(UUID authServerId) {
        changedServers.add(authServerId);
    }

    /** Only this client (or its secrets) changed: cheaper for the in-memory views to follow. */
    void clientChanged(UUID authServerId, String clientId) {
        changedClients.add(List.of(authServerId, clientId));
    }

    void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    /** After the commit: in-memory revocations first (a deleted client's tokens), then change events, then log lines. */
    void committed() {
        afterCommit.forEach(Runnable::run);
        changedServers.forEach(events::changed);
        for (List<Object> c : changedClients) {
            if (!changedServers.contains((UUID) c.get(0))) {
                events.clientChanged((UUID) c.get(0), (String) c.get(1));
            }
        }
        recorded.forEach(audit::logStored);
    }
}
