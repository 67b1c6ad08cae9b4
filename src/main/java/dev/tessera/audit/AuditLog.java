package dev.tessera.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.store.DataAccessException;
import dev.tessera.store.Jdbc;
import dev.tessera.store.Page;
import dev.tessera.store.PageQuery;
import dev.tessera.store.PageRequest;
import dev.tessera.store.RowMapper;
import dev.tessera.store.Timestamps;
import dev.tessera.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records management changes in {@code audit_events} and as one JSON log line each (logger
 * {@code tessera.audit}), and lists them. The management services store an event in the
 * transaction of its change ({@link #store}) and write its log line once that has committed
 * ({@link #logStored}): a change and its event commit together or not at all. {@link #record}
 * stores an event after the fact (for a change made outside the services); if the database
 * refuses it, the log line is still written, marked {@code "stored": false}.
 */
public final class AuditLog {
    private static final Logger auditLog = LoggerFactory.getLogger("tessera.audit");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "t.id, t.created_at, t.admin_token_id, t.admin_token_name, t.method, "
            + "t.resource_type, t.resource_id, t.auth_server_id, t.path, t.status, t.changes, t.trace_id";
    private static final RowMapper<AuditEvent> ROW = rs -> {
        String tokenId = rs.getString(3);
        return new AuditEvent(UUID.fromString(rs.getString(1)), rs.getLong(2), tokenId == null ? null : UUID.fromString(tokenId),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getInt(10), parse(rs.getString(11)), rs.getString(12));
    };

    private final Jdbc jdbc;

    public AuditLog(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the event and writes its log line; never throws for a database failure. */
    public void record(AuditEvent e) {
        boolean stored = false;
        try {
            jdbc.execute(tx -> store(tx, e));
            stored = true;
        } catch (DataAccessException ex) {
            auditLog.error("audit event could not be stored: {}", ex.getMessage());
        }
        log(e, stored);
    }

    /** Stores the event in the caller's transaction, the one that makes the change it records. */
    public void store(Tx tx, AuditEvent e) {
        tx.update("INSERT INTO audit_events (id, created_at, admin_token_id, admin_token_name, method, resource_type, "
                        + "resource_id, auth_server_id, path, status, changes, trace_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.id().toString(), e.createdAt(), e.adminTokenId() == null ? null : e.adminTokenId().toString(),
                e.adminTokenName(), e.method(), e.resourceType(), e.resourceId(), e.authServerId(), e.path(), e.status(),
                write(e.changes()), e.traceId());
    }

    /** The log line of an event {@link #store}d in a transaction that has committed. */
    public void logStored(AuditEvent e) {
        log(e, true);
    }

    private static void log(AuditEvent e, boolean stored) {
        Map<String, Object> line = render(e);
        line.put("stored", stored);
        if (stored) {
            auditLog.info("{}", write(line));
        } else {
            auditLog.error("{}", write(line));
        }
    }

    public Page<AuditEvent> list(PageRequest request) {
        return new PageQuery("audit_events t", COLUMNS, "", List.of(), null).run(jdbc, request, ROW);
    }

    /** The event as the API returns it and the log line carries it. */
    public static Map<String, Object> render(AuditEvent e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", e.id().toString());
        out.put("created_at", Timestamps.format(e.createdAt()));
        out.put("admin_token_id", e.adminTokenId() == null ? null : e.adminTokenId().toString());
        out.put("admin_token_name", e.adminTokenName());
        out.put("method", e.method());
        out.put("resource_type", e.resourceType());
        out.put("resource_id", e.resourceId());
        out.put("auth_server_id", e.authServerId());
        out.put("path", e.path());
        out.put("status", e.status());
        out.put("changes", e.changes());
        out.put("trace_id", e.traceId());
        return out;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialise an audit event", ex);
        }
    }

    private static ObjectNode parse(String text) {
        try {
            return text == null ? JsonNodeFactory.instance.objectNode() : (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException | ClassCastException ex) {
            return JsonNodeFactory.instance.objectNode();
        }
    }
}
