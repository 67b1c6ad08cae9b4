package dev.tessera.token;

import dev.tessera.crypto.Sha256;
import dev.tessera.keys.TokenVerifier;
import dev.tessera.snapshot.AuthServerConfig;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a presented access token is active for an auth server, in memory: a valid
 * signature by one of its published keys, its issuer, not expired, not yet valid only within
 * a small clock leeway, not revoked, and its client still exists. Anything else — forged,
 * malformed, another auth server's, revoked, expired — is simply inactive.
 */
public final class TokenIntrospector {
    private static final long LEEWAY_SECONDS = 30;

    private static final int MAX_REMEMBERED = 20_000;

    private final Revocations revocations;
    /**
     * Tokens whose signature was already checked, by auth server and SHA-256 of the token:
     * gateways introspect the same token on every call, and parsing plus an RSA verification
     * is most of the work. Only the claims are kept; expiry, revocation and the client are
     * checked on every call.
     */
    private final ConcurrentHashMap<VerifiedKey, TokenVerifier.Verified> verified = new ConcurrentHashMap<>();

    private record VerifiedKey(UUID authServerId, ByteBuffer tokenHash) {
    }

    public TokenIntrospector(Revocations revocations) {
        this.revocations = revocations;
    }

    private Optional<Map<String, Object>> verify(AuthServerConfig server, String token) {
        if (token.length() > TokenVerifier.MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        VerifiedKey key = new VerifiedKey(server.server().id(), ByteBuffer.wrap(Sha256.of(token)));
        TokenVerifier.Verified known = verified.get(key);
        if (known != null) {
            // A key removed from JWKS (a compromised key rotated out at once) takes its tokens with it.
            if (server.publishedKeys().containsKey(known.kid())) {
                return Optional.of(known.claims());
            }
            verified.remove(key, known);
            return Optional.empty();
        }
        Optional<TokenVerifier.Verified> checked = server.verifier().verifyWithKid(token);
        checked.ifPresent(v -> {
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear(); // crude but bounded; the next calls verify again
            }
            verified.put(key, v);
        });
        return checked.map(TokenVerifier.Verified::claims);
    }

    /** An active token's claims, with the jti and client id already checked. */
    public record Active(Map<String, Object> claims, UUID jti, String clientId, long expiresAt) {
    }

    public Optional<Active> inspect(AuthServerConfig server, String token) {
        Optional<Map<String, Object>> checked = verify(server, token);
        if (checked.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> claims = checked.get();
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
