package dev.tessera.oauth;

import dev.tessera.authserver.Issuers;
import dev.tessera.http.RouteGroup;
import dev.tessera.oauth.authorize.AuthorizeEndpoint;
import dev.tessera.oauth.authorize.LoginRequestEndpoint;
import dev.tessera.oauth.discovery.DiscoveryEndpoint;
import dev.tessera.oauth.introspect.IntrospectionEndpoint;
import dev.tessera.oauth.revoke.RevocationEndpoint;
import dev.tessera.oauth.token.TokenEndpoint;
import dev.tessera.oauth.userinfo.UserinfoEndpoint;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.snapshot.ConfigSnapshots;
import dev.tessera.store.DatabaseAvailability;
import dev.tessera.store.DatabaseUnavailableException;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Optional;

/**
 * Every auth server's OAuth/OIDC endpoints, under its issuer: {@code /{slug}/auth/...} by
 * default, or {@code /auth/...} on {@code {slug}.{issuer domain}} when host-based issuers are
 * configured. The auth server is resolved once here and passed down; errors become RFC 6749
 * §5.2 JSON, and anything unexpected a bare {@code server_error}.
 */
public final class OAuthRoutes implements RouteGroup {
    private static final Logger log = LoggerFactory.getLogger(OAuthRoutes.class);

    private final ConfigSnapshots snapshots;
    private final Issuers issuers;
    private final DiscoveryEndpoint discovery;
    private final TokenEndpoint token;
    private final IntrospectionEndpoint introspection;
    private final RevocationEndpoint revocation;
    private final UserinfoEndpoint userinfo;
    private final AuthorizeEndpoint authorize;
    private final LoginRequestEndpoint loginRequests;
    private final MeterRegistry metrics;

    public OAuthRoutes(ConfigSnapshots snapshots, Issuers issuers, DiscoveryEndpoint discovery, TokenEndpoint token,
                       IntrospectionEndpoint introspection, RevocationEndpoint revocation, UserinfoEndpoint userinfo,
                       AuthorizeEndpoint authorize, LoginRequestEndpoint loginRequests, MeterRegistry metrics) {
        this.authorize = authorize;
        this.loginRequests = loginRequests;
        this.snapshots = snapshots;
        this.issuers = issuers;
        this.discovery = discovery;
        this.token = token;
        this.introspection = introspection;
        this.revocation = revocation;
        this.userinfo = userinfo;
        this.metrics = metrics;
    }

    @FunctionalInterface
    private interface Endpoint {
        void handle(Context ctx, AuthServerConfig server);
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi r) {
        r.exception(OAuthException.class, (e, ctx) -> {
            if (e.error() == OAuthError.INVALID_CLIENT) {
                metrics.counter("tessera.auth.failures", "endpoint", endpointName(ctx)).increment();
            }
            if (e.logDetail() != null) {
                log.info("{} refused: {} (trace {})", ctx.path(), e.logDetail(), ctx.attribute("tessera.trace"));
            }
            OAuthResponses.error(ctx, e);
        });
        register(r, "/{slug}/auth", "/.well-known/oauth-authorization-server/{slug}/auth");
        if (issuers.issuerDomain().isPresent()) {
            register(r, "/auth", "/.well-known/oauth-authorization-server/auth");
        }
    }

    private void register(JavalinDefaultRoutingApi r, String issuer, String insertedMetadata) {
        get(r, issuer + "/.well-known/openid-configuration", discovery::metadata);
        get(r, issuer + "/.well-known/oauth-authorization-server", discovery::metadata);
        get(r, insertedMetadata, discovery::metadata);
        get(r, issuer + "/.well-known/jwks", discovery::jwks);
        post(r, issuer + "/oauth/token", token::handle);
        post(r, issuer + "/introspect", introspection::handle);
        post(r, issuer + "/revoke", revocation::handle);
        get(r, issuer + "/userinfo", userinfo::handle);
        r.post(issuer + "/userinfo", ctx -> run(ctx, userinfo::handle));
        get(r, issuer + "/authorize", authorize::get);
        r.post(issuer + "/authorize", ctx -> run(ctx, authorize::post));
        get(r, issuer + "/authorize/form-post", authorize::formPost);
        get(r, issuer + "/login-requests/{challenge}", loginRequests::get);
        post(r, issuer + "/login-requests/{challenge}/accept", loginRequests::accept);
        post(r, issuer + "/login-requests/{challenge}/reject", loginRequests::reject);
    }

    private void get(JavalinDefaultRoutingApi r, String path, Endpoint endpoint) {
        r.get(path, ctx -> run(ctx, endpoint));
        r.options(path, ctx -> run(ctx, (c, s) -> c.status(204)));
    }

    /** POST-only endpoints answer other methods with a JSON 405, not an HTML page. */
    private void post(JavalinDefaultRoutingApi r, String path, Endpoint endpoint) {
        r.post(path, ctx -> run(ctx, endpoint));
        r.options(path, ctx -> run(ctx, (c, s) -> c.status(204)));
        Endpoint notAllowed = (c, s) -> {
            throw new OAuthException(OAuthError.METHOD_NOT_ALLOWED, "use POST with a form-encoded body");
        };
        r.get(path, ctx -> run(ctx, notAllowed));
        r.put(path, ctx -> run(ctx, notAllowed));
        r.delete(path, ctx -> run(ctx, notAllowed));
        r.patch(path, ctx -> run(ctx, notAllowed));
    }

    private void run(Context ctx, Endpoint endpoint) {
        try {
            AuthServerConfig server = resolve(ctx).orElseThrow(
                    () -> new OAuthException(OAuthError.NOT_FOUND, "no such issuer"));
            Cors.apply(ctx, server.server().trustedOrigins());
            endpoint.handle(ctx, server);
        } catch (OAuthException e) {
            throw e;
        } catch (DatabaseUnavailableException e) {
            log.debug("{} answered 503: {} (trace {})", ctx.path(), e.getMessage(), ctx.attribute("tessera.trace"));
            throw new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE,
                    "the service is temporarily unavailable; retry later", DatabaseAvailability.RETRY_AFTER_SECONDS);
        } catch (RuntimeException e) {
            log.error("unexpected error on {} (trace {})", ctx.path(), ctx.attribute("tessera.trace"), e);
            throw new OAuthException(OAuthError.SERVER_ERROR, "the server could not complete the request");
        }
    }

    private Optional<AuthServerConfig> resolve(Context ctx) {
        String slug = ctx.pathParamMap().get("slug");
        if (slug == null) {
            String host = ctx.header("Host");
            String domain = issuers.issuerDomain().orElse(null);
            if (host == null || domain == null) {
                return Optional.empty();
            }
            host = host.toLowerCase(Locale.ROOT);
            int colon = host.lastIndexOf(':');
            if (colon > 0 && !host.endsWith("]")) {
                host = host.substring(0, colon);
            }
            if (!host.endsWith("." + domain)) {
                return Optional.empty();
            }
            slug = host.substring(0, host.length() - domain.length() - 1);
        }
        return snapshots.bySlug(slug);
    }

    private static String endpointName(Context ctx) {
        String path = ctx.path();
        return path.endsWith("/oauth/token") ? "token" : path.endsWith("/introspect") ? "introspect"
                : path.endsWith("/revoke") ? "revoke" : "other";
    }
}
