package dev.tessera.login;

import dev.tessera.snapshot.ClientEntry;
import dev.tessera.token.TokenRevoker;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Refresh tokens for users (issue 10): opaque, 256 random bits, stored only as a hash; issued
 * when the client has the {@code refresh_token} grant and the user granted
 * {@code offline_access}; rotated on every use within a family that lives at most
 * {@link #ABSOLUTE_LIFETIME_SECONDS} and dies after {@link #IDLE_LIFETIME_SECONDS} unused.
 */
public final class RefreshTokens {
    public static final long ABSOLUTE_LIFETIME_SECONDS = 30L * 24 * 3600;
    public static final long IDLE_LIFETIME_SECONDS = 7L * 24 * 3600;
    private static final long MICROS = 1_000_000;

    private final RefreshTokenRepository repository;
    private final TokenRevoker revoker;
    private final Clock clock;

    public RefreshTokens(RefreshTokenRepository repository, TokenRevoker revoker, Clock clock) {
        this.repository = repository;
        this.revoker = revoker;
        this.clock = clock;
    }

    public RefreshTokenRepository repository() {
        return repository;
    }

    long nowMicros() {
        return clock.millis() * 1000;
    }

    /** Whether a token response for this grant carries a refresh token. */
    public static boolean due(ClientEntry client, UserGrant grant) {
        return client.client().grantTypes().contains("refresh_token") && grant.scopes().contains("offline_access");
    }

    /** The first token of a new family (at the code exchange). */
    public String start(UUID authServerId, ClientEntry client, UserGrant grant, UUID accessTokenId) {
        long now = nowMicros();
        return next(authServerId, client, grant, UUID.randomUUID(), now + ABSOLUTE_LIFETIME_SECONDS * MICROS, accessTokenId);
    }

    /** The next token of a family: the family's absolute expiry stays, the idle one starts again. */
    public String next(UUID authServerId, ClientEntry client, UserGrant grant, UUID familyId, long absoluteExpiry,
                       UUID accessTokenId) {
        long now = nowMicros();
        String token = LoginDecisions.randomToken();
        repository.insert(authServerId, token, familyId, client.client().id(), grant, now, absoluteExpiry,
                Math.min(absoluteExpiry, now + IDLE_LIFETIME_SECONDS * MICROS), accessTokenId);
        return token;
    }

    /** Revokes a family and every access token issued with it (reuse, or RFC 7009 revocation). */
    public void revokeFamily(UUID authServerId, String clientId, UUID familyId) {
        for (UUID accessToken : repository.revokeFamily(authServerId, familyId, nowMicros())) {
            revoker.revoke(authServerId, clientId, accessToken);
        }
    }

    /** A live refresh token of this client (for introspection and revocation), or empty. */
    public Optional<RefreshTokenRepository.Stored> live(UUID authServerId, String token) {
        if (token.length() > 100 || token.indexOf('.') >= 0) {
            return Optional.empty(); // a JWT, or nothing of ours
        }
        return repository.find(authServerId, token);
    }
}
