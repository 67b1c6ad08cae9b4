package dev.tessera.oauth.revoke;

import dev.tessera.login.RefreshTokens;
import dev.tessera.oauth.FormRequest;
import dev.tessera.oauth.clientauth.ClientAuthenticator;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.snapshot.ClientEntry;
import dev.tessera.token.TokenIntrospector;
import dev.tessera.token.TokenRevoker;
import io.javalin.http.Context;

/**
 * Token revocation — RFC 7009 §2. A client revokes its own tokens. Every well-formed request
 * gets 200 with an empty body, also for an unknown, expired, already revoked or another
 * client's token (§2.2: the client cannot act on the difference; another client's token is
 * left alone).
 */
public final class RevocationEndpoint {
    private final ClientAuthenticator authenticator;
    private final TokenIntrospector introspector;
    private final TokenRevoker revoker;
    private final RefreshTokens refreshTokens;

    public RevocationEndpoint(ClientAuthenticator authenticator, TokenIntrospector introspector, TokenRevoker revoker,
                              RefreshTokens refreshTokens) {
        this.refreshTokens = refreshTokens;
        this.authenticator = authenticator;
        this.introspector = introspector;
        this.revoker = revoker;
    }

    public void handle(Context ctx, AuthServerConfig server) {
        FormRequest form = FormRequest.from(ctx);
        ClientEntry caller = authenticator.authenticate(server, form);
        // token (REQUIRED), token_type_hint (OPTIONAL) — RFC 7009 §2.1
        String token = form.require("token");
        // A refresh token (RFC 7009 §2.1): its whole family dies, and the access tokens issued with it.
        refreshTokens.live(server.server().id(), token)
                .filter(r -> r.clientId().equals(caller.client().id()))
                .ifPresent(r -> refreshTokens.revokeFamily(server.server().id(), r.clientId(), r.familyId()));
        introspector.inspect(server, token).ifPresent(active -> {
            if (active.clientId().equals(caller.client().id())) {
                revoker.revoke(server.server().id(), active.clientId(), active.jti());
            }
        });
        ctx.header("Cache-Control", "no-store");
        ctx.status(200).result("");
    }
}
