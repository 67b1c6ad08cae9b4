package dev.tessera.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.admintoken.AdminToken;
import dev.tessera.admintoken.AdminTokens;
import dev.tessera.admintoken.ConsoleSession;
import dev.tessera.admintoken.ConsoleSessions;
import dev.tessera.audit.AuditEvent;
import dev.tessera.audit.AuditLog;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tessera.token.TokenIds;
import dev.tessera.http.InvalidParameter;
import dev.tessera.http.JsonBody;
import dev.tessera.http.ProblemException;
import dev.tessera.http.Responses;
import dev.tessera.http.RouteGroup;
import dev.tessera.store.Timestamps;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The web console at {@code /console}: the page, its files, and its session
 * ({@code POST /console/session} signs in with an admin token, {@code GET} tells a reloaded
 * page who it is and its CSRF token, {@code DELETE} signs out). Everything else the console
 * does goes through the public {@code /v1} API. {@code /console/api} belongs to the API viewer.
 */
public final class ConsoleRoutes implements RouteGroup {
    private static final Logger log = LoggerFactory.getLogger(ConsoleRoutes.class);
    private static final int MAX_SIGN_IN_BYTES = 4096;

    private final AdminTokens tokens;
    private final ConsoleSessions sessions;
    private final AuditLog audit;
    private final boolean alwaysSecure;
    private final ConsoleAssets assets = new ConsoleAssets();

    /** @param alwaysSecure the public URL is https (TLS ends at a proxy): the cookie is Secure whatever the request says */
    public ConsoleRoutes(AdminTokens tokens, ConsoleSessions sessions, AuditLog audit, boolean alwaysSecure) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.audit = audit;
        this.alwaysSecure = alwaysSecure;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi r) {
        r.get("/console", ctx -> assets.serve(ctx, "index.html"));
        r.get("/console/assets/<name>", ctx -> assets.serve(ctx, "assets/" + ctx.pathParam("name")));
        r.post("/console/session", this::signIn);
        r.get("/console/session", this::current);
        r.delete("/console/session", this::signOut);
    }

    private void signIn(Context ctx) {
        ConsoleHeaders.apply(ctx);
        ObjectNode body = JsonBody.read(ctx, MAX_SIGN_IN_BYTES);
        JsonNode value = body.get("admin_token");
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw ProblemException.badRequest("admin_token is required", List.of(
                    InvalidParameter.of("body", "admin_token", "required", "is required")));
        }
        AdminToken token = tokens.authenticate(value.textValue().strip()).orElseThrow(() ->
                new ProblemException(401, "Unauthorized", "This admin token is not valid", List.of()));
        // A browser that signs in again leaves no second live session behind.
        sessions.close(ctx.cookie(ConsoleSessions.COOKIE));
        ConsoleSessions.Opened opened = sessions.open(token);
        setCookie(ctx, opened.id(), sessions.lifetime().toSeconds());
        record(ctx, token, "POST", 201);
        Responses.json(ctx, 201, describe(opened.id(), opened.session()));
    }

    private void current(Context ctx) {
        ConsoleHeaders.apply(ctx);
        ctx.header("Cache-Control", "no-store");
        String id = ctx.cookie(ConsoleSessions.COOKIE);
        ConsoleSession session = sessions.find(id).orElseThrow(() ->
                new ProblemException(401, "Unauthorized", "Not signed in to the console", List.of()));
        Responses.json(ctx, 200, describe(id, session));
    }

    /** Needs the CSRF token too, so that another site cannot sign the operator out. */
    private void signOut(Context ctx) {
        ConsoleHeaders.apply(ctx);
        String id = ctx.cookie(ConsoleSessions.COOKIE);
        ConsoleSession session = sessions.find(id).orElse(null);
        if (session != null) {
            if (!sessions.csrfTokenMatches(id, ctx.header(ConsoleSessions.CSRF_HEADER))) {
                throw ProblemException.forbidden("Signing out needs the session's " + ConsoleSessions.CSRF_HEADER + " header");
            }
            sessions.close(id);
            record(ctx, session.token(), "DELETE", 204);
        }
        setCookie(ctx, "", 0);
        ctx.status(204);
    }

    /**
     * Sign-in and sign-out are audit events of the admin token (resource type
     * {@code console_session}, no resource id: the session id is a secret).
     */
    private void record(Context ctx, AdminToken token, String method, int status) {
        try {
            audit.record(new AuditEvent(TokenIds.next(), Timestamps.nowMicros(), token.id(), token.name(), method,
                    "console_session", null, null, ctx.path(), status, JsonNodeFactory.instance.objectNode(),
                    Responses.traceId(ctx)));
        } catch (RuntimeException e) {
            log.error("could not record an audit event for console {} with admin token {}, trace {}", method, token.name(),
                    Responses.traceId(ctx), e);
        }
    }

    private Map<String, Object> describe(String id, ConsoleSession session) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("admin_token_name", session.token().name());
        out.put("read_only", session.token().readOnly());
        out.put("csrf_token", sessions.csrfToken(id));
        out.put("expires_at", Timestamps.format(sessions.endsAt(session)));
        out.put("idle_timeout_seconds", sessions.idle().toSeconds());
        return out;
    }

    private void setCookie(Context ctx, String value, long maxAgeSeconds) {
        boolean secure = alwaysSecure || "https".equalsIgnoreCase(ctx.scheme());
        ctx.header("Cache-Control", "no-store");
        ctx.header("Set-Cookie", ConsoleSessions.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
    }
}
