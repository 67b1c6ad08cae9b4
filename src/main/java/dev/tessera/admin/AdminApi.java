package dev.tessera.admin;

import dev.tessera.admintoken.AdminTokens;
import dev.tessera.admintoken.ConsoleSessions;
import dev.tessera.audit.AuditLog;
import dev.tessera.authserver.AuthServerEvents;
import dev.tessera.authserver.AuthServerRepository;
import dev.tessera.authserver.Issuers;
import dev.tessera.claim.ClaimRepository;
import dev.tessera.client.ClientRepository;
import dev.tessera.client.ClientSecretRepository;
import dev.tessera.client.SecretSealing;
import dev.tessera.crypto.SecretHasher;
import dev.tessera.keys.KeyLifecycle;
import dev.tessera.http.RouteGroup;
import dev.tessera.keys.ClaimValues;
import dev.tessera.login.LoginDecisions;
import dev.tessera.login.RefreshTokens;
import dev.tessera.snapshot.ConfigSnapshots;
import dev.tessera.scope.ScopeRepository;
import dev.tessera.store.Jdbc;
import dev.tessera.template.ClaimTemplate;
import dev.tessera.template.TemplateEvaluationException;
import dev.tessera.template.TemplateSyntaxException;
import dev.tessera.token.ClientDeletion;
import dev.tessera.token.TokenActivity;
import dev.tessera.token.TokenRepository;
import dev.tessera.token.TokenRevoker;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.util.ArrayList;
import java.util.List;

/** The Kong Identity–compatible management API under {@code /v1}, behind admin tokens. */
public final class AdminApi implements RouteGroup {
    private final AdminTokens tokens;
    private final ConsoleSessions sessions;
    private final AuditLog audit;
    private final List<RouteGroup> groups = new ArrayList<>();

    public AdminApi(Jdbc jdbc, AdminTokens tokens, SecretHasher hasher, SecretSealing sealing, Issuers issuers, AuthServerEvents events,
                    int maxBodyBytes, TokenRepository tokenRepository, TokenRevoker revoker, ConfigSnapshots snapshots,
                    LoginDecisions logins, RefreshTokens refreshTokens, ConsoleSessions sessions,
                    KeyLifecycle keys) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.audit = new AuditLog(jdbc);
        AdminContext ctx = new AdminContext(jdbc, new AuthServerRepository(jdbc), new ScopeRepository(jdbc),
                new ClaimRepository(jdbc), new ClientRepository(jdbc), new ClientSecretRepository(jdbc), hasher, sealing,
                issuers, events, AdminApi::claimValueProblem, maxBodyBytes, new Changes(jdbc, audit, events));
        groups.add(new AuthServerRoutes(ctx));
        groups.add(new ScopeRoutes(ctx));
        groups.add(new ClaimRoutes(ctx));
        ClientDeletion deletion = new ClientDeletion(jdbc, ctx.clients(), tokenRepository, revoker);
        groups.add(new ClientRoutes(ctx, deletion));
        groups.add(new ClientSecretRoutes(ctx));
        groups.add(new TokenRoutes(ctx, tokenRepository, revoker));
        groups.add(new TestClaimRoutes(ctx));
        groups.add(new TokenActivityRoutes(ctx, new TokenActivity(jdbc)));
        groups.add(new AdminTokenRoutes(tokens, maxBodyBytes, ctx.changes()));
        groups.add(new AuditEventRoutes(audit));
        groups.add(new ConfigRoutes(ctx, new ClientService(ctx, deletion)));
        groups.add(new LoginRequestRoutes(ctx, snapshots, logins));
        groups.add(new RefreshTokenRoutes(ctx, refreshTokens));
        groups.add(new KeyRoutes(ctx, keys));
    }

    /**
     * Claim values are templates: parsed when saved, so a syntax error is a 400 now, not a failed
     * token later. A static value must also read back from a token unchanged (no 1e400), or every
     * token carrying it would introspect as inactive.
     */
    private static String claimValueProblem(String value) {
        try {
            ClaimTemplate template = ClaimTemplate.parse(value);
            return template.isDynamic() ? null : ClaimValues.problem(template.evaluate(null));
        } catch (TemplateSyntaxException e) {
            return "is not a valid template: " + e.getMessage();
        } catch (TemplateEvaluationException e) {
            return "cannot be evaluated: " + e.getMessage(); // a static value always evaluates; kept for safety
        }
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        AdminAuthentication auth = new AdminAuthentication(tokens, sessions);
        routes.before("/v1/*", auth);
        routes.before("/v1", auth);
        routes.after("/v1/*", new AuditRecorder(audit));
        groups.forEach(g -> g.addTo(routes));
    }
}
