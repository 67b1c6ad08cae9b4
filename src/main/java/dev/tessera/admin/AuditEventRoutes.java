package dev.tessera.admin;

import dev.tessera.audit.AuditLog;
import dev.tessera.http.Responses;
import dev.tessera.http.RouteGroup;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.util.Map;

/** {@code GET /v1/audit-events}: the management changes, oldest first unless sorted otherwise. */
final class AuditEventRoutes implements RouteGroup {
    private static final ListParams.Spec LIST = new ListParams.Spec(
            Map.of("id", new ListParams.Filter("id", ListParams.Kind.EXACT),
                    "admin_token_id", new ListParams.Filter("admin_token_id", ListParams.Kind.EXACT),
                    "admin_token_name", new ListParams.Filter("admin_token_name", ListParams.Kind.TEXT),
                    "method", new ListParams.Filter("method", ListParams.Kind.EXACT),
                    "resource_type", new ListParams.Filter("resource_type", ListParams.Kind.EXACT),
                    "resource_id", new ListParams.Filter("resource_id", ListParams.Kind.EXACT),
                    "auth_server_id", new ListParams.Filter("auth_server_id", ListParams.Kind.EXACT)),
            Map.of("created_at", "created_at"));

    private final AuditLog audit;

    AuditEventRoutes(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi r) {
        r.get("/v1/audit-events", ctx -> Responses.json(ctx, 200,
                ListParams.envelope(audit.list(ListParams.parse(ctx, LIST)), AuditLog::render)));
    }
}
