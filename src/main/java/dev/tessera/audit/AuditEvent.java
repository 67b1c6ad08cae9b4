package dev.tessera.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.UUID;

/**
 * One management change: who (the admin token, by id and name), what (method, resource type
 * and id, the request path), when, and the fields sent with secret values redacted.
 *
 * @param changes the request's JSON fields after {@link SecretRedaction}; empty for a DELETE
 */
public record AuditEvent(
        UUID id,
        long createdAt,
        UUID adminTokenId,
        String adminTokenName,
        String method,
        String resourceType,
        String resourceId,
        String authServerId,
        String path,
        int status,
        ObjectNode changes,
        String traceId) {
}
