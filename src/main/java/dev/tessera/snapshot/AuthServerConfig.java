package dev.tessera.snapshot;

import dev.tessera.authserver.AuthServer;
import dev.tessera.keys.SigningKey;
import dev.tessera.keys.TokenVerifier;
import dev.tessera.scope.Scope;

import java.util.List;
import java.util.Map;

/**
 * Everything the OAuth endpoints need about one auth server, loaded once and replaced as a
 * whole when the management API changes anything under it: no database read per token.
 *
 * @param publishedKeys every key in the JWKS (the active one and those kept for verification), by kid
 * @param jwksJson      the JWKS document, rendered once
 * @param verifier      checks signatures against the published keys (introspection, userinfo)
 */
public record AuthServerConfig(
        AuthServer server,
        String issuer,
        List<Scope> scopes,
        Map<String, Scope> scopesByName,
        List<CompiledClaim> claims,
        Map<String, ClientEntry> clients,
        SigningKey activeKey,
        Map<String, SigningKey> publishedKeys,
        String jwksJson,
        TokenVerifier verifier) {

    /** The same configuration with another set of clients (one client changed). */
    public AuthServerConfig withClients(Map<String, ClientEntry> newClients) {
        return new AuthServerConfig(server, issuer, scopes, scopesByName, claims, newClients, activeKey, publishedKeys,
                jwksJson, verifier);
    }
}
