package dev.tessera.oauth.introspect;

import dev.tessera.oauth.FormRequest;
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

    public IntrospectionEndpoint(ClientAuthenticator authenticator, TokenIntrospector introspector) {
        this.authenticator = authenticator;
        this.introspector = introspector;
    }

    public void handle(Context ctx, AuthServerConfig server) {
        FormRequest form = FormRequest.from(ctx);
        authenticator.authenticate(server, form);
        // token (REQUIRED), token_type_hint (OPTIONAL, and only a hint: we serve one kind) — RFC 7662 §2.1
        String token = form.require("token");
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
}
