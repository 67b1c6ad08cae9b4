package dev.tessera.oauth.introspect;

import dev.tessera.login.RefreshTokenRepository;
import dev.tessera.login.RefreshTokens;
import dev.tessera.oauth.FormRequest;
import dev.tessera.snapshot.ClientEntry;
import dev.tessera.oauth.OAuthResponses;
import dev.tessera.oauth.clientauth.ClientAuthenticator;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.token.TokenIntrospector;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token introspection — RFC 7662 §2. The caller authenticates as a client of the same auth
 * server (Basic, as gateway plugins send it, or post). An active token returns the fields
 * gateways read plus its custom claims; every other token is {@code {"active": false}}.
 */
public final class IntrospectionEndpoint {
    private static final Map<String, Object> INACTIVE = Map.of("active", false);

    private final ClientAuthenticator authenticator;
    private final TokenIntrospector introspector;
    private final RefreshTokens refreshTokens;

    public IntrospectionEndpoint(ClientAuthenticator authenticator, TokenIntrospector introspector,
                                 RefreshTokens refreshTokens) {
        this.refreshTokens = refreshTokens;
        this.authenticator = authenticator;
        this.introspector = introspector;
    }

    public void handle(Context ctx, AuthServerConfig server) {
        FormRequest form = FormRequest.from(ctx);
        ClientEntry caller = authenticator.authenticate(server, form);
        // token (REQUIRED), token_type_hint (OPTIONAL, and only a hint: a JWT is an access token) — RFC 7662 §2.1
        String token = form.require("token");
        var refresh = refreshTokens.live(server.server().id(), token);
        if (refresh.isPresent()) {
            OAuthResponses.json(ctx, 200, refreshTokenBody(server, caller, refresh.get()));
            return;
        }
        var active = introspector.inspect(server, token);
        if (active.isEmpty()) {
            OAuthResponses.json(ctx, 200, INACTIVE);
            return;
        }
        Map<String, Object> claims = active.get().claims();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", true);
        body.put("token_type", "Bearer");
        claims.forEach((name, value) -> {
            if (!name.equals("active") && !name.equals("token_type")) {
                body.put(name, value);
            }
        });
        OAuthResponses.json(ctx, 200, body);
    }

    /** A refresh token is active only to its own client (its subject is not every client's business). */
    private static Map<String, Object> refreshTokenBody(AuthServerConfig server, ClientEntry caller,
                                                        RefreshTokenRepository.Stored r) {
        if (!r.activeAt(System.currentTimeMillis() * 1000) || !r.clientId().equals(caller.client().id())
                || !server.clients().containsKey(r.clientId())) {
            return INACTIVE;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", true);
        body.put("token_type", "refresh_token");
        body.put("scope", String.join(" ", r.grant().scopes()));
        body.put("client_id", r.clientId());
        body.put("sub", r.grant().subject());
        body.put("iss", server.issuer());
        body.put("iat", r.createdAt() / 1_000_000);
        body.put("exp", r.endsAt() / 1_000_000);
        return body;
    }
}
