package dev.tessera.token;

import dev.tessera.snapshot.AuthServerConfig;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides whether a presented access token is active for an auth server, in memory: a valid
 * signature by one of its published keys, its issuer, not expired, not yet valid only within
 * a small clock leeway, not revoked, and its client still exists. Anything else — forged,
 * malformed, another auth server's, revoked, expired — is simply inactive.
 */
public final class TokenIntrospector {
    private static final long LEEWAY_SECONDS = 30;

    private final Revocations revocations;

    public TokenIntrospector(Revocations revocations) {
        this.revocations = revocations;
    }

    /** An active token's claims, with the jti and client id already checked. */
    public record Active(Map<String, Object> claims, UUID jti, String clientId, long expiresAt) {
    }

    public Optional<Active> inspect(AuthServerConfig server, String token) {
        Optional<Map<String, Object>> verified = server.verifier().verify(token);
        if (verified.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> claims = verified.get();
        long now = System.currentTimeMillis() / 1000;
        if (!server.issuer().equals(claims.get("iss"))
                || !(claims.get("exp") instanceof Number exp) || exp.longValue() <= now
                || (claims.get("nbf") instanceof Number nbf && nbf.longValue() > now + LEEWAY_SECONDS)
                || !(claims.get("client_id") instanceof String clientId)
                || !(claims.get("jti") instanceof String jtiText)) {
            return Optional.empty();
        }
        UUID jti;
        try {
            jti = UUID.fromString(jtiText);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (revocations.isRevoked(jti) || !server.clients().containsKey(clientId)) {
            return Optional.empty();
        }
        return Optional.of(new Active(claims, jti, clientId, exp.longValue()));
    }
}
