package dev.tessera.login;

import dev.tessera.crypto.Sha256;
import dev.tessera.store.Jdbc;
import dev.tessera.store.Page;
import dev.tessera.store.PageQuery;
import dev.tessera.store.PageRequest;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Refresh tokens, keyed by their SHA-256, in families (issue 10, RFC 9700 §4.14.2): rotating one
 * is a single conditional update bound to its client, so a token works once also under
 * concurrent attempts on several nodes; a used token presented again revokes its family.
 */
public final class RefreshTokenRepository {
    private final Jdbc jdbc;

    public RefreshTokenRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored refresh token as introspection and revocation see it. */
    public record Stored(String clientId, UUID familyId, UserGrant grant, long createdAt, long expiresAt,
                         long idleExpiresAt, Long usedAt, Long revokedAt) {
        public boolean activeAt(long nowMicros) {
            return usedAt == null && revokedAt == null && expiresAt > nowMicros && idleExpiresAt > nowMicros;
        }

        /** When it stops working unless used: the earlier of its idle and absolute expiry. */
        public long endsAt() {
            return Math.min(expiresAt, idleExpiresAt);
        }
    }

    public void insert(UUID authServerId, String token, UUID familyId, String clientId, UserGrant grant, long createdAt,
                       long expiresAt, long idleExpiresAt, UUID accessTokenId) {
        jdbc.update("INSERT INTO refresh_tokens (auth_server_id, id, family_id, client_id, details, created_at, expires_at, "
                        + "idle_expires_at, access_token_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", authServerId.toString(),
                Sha256.base64Url(token), familyId.toString(), clientId, JsonText.write(grant), createdAt, expiresAt,
                idleExpiresAt, accessTokenId.toString());
    }

    public Optional<Stored> find(UUID authServerId, String token) {
        return jdbc.queryOne("SELECT client_id, family_id, details, created_at, expires_at, idle_expires_at, used_at, "
                        + "revoked_at FROM refresh_tokens WHERE auth_server_id = ? AND id = ?",
                rs -> new Stored(rs.getString(1), UUID.fromString(rs.getString(2)),
                        JsonText.read(rs.getString(3), UserGrant.class), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getObject(7) == null ? null : rs.getLong(7), rs.getObject(8) == null ? null : rs.getLong(8)),
                authServerId.toString(), Sha256.base64Url(token));
    }

    /** The outcome of presenting a refresh token. */
    public sealed interface Rotation {
        /** First use, by its client, in time: it is spent now; the caller issues the next of the family. */
        record Rotated(Stored token) implements Rotation {
        }

        /** Already used: it leaked (or a client retried); the family must die. */
        record Reused(Stored token) implements Rotation {
        }

        /** Unknown, another client's, revoked or expired: nothing changes. */
        record Refused(String why) implements Rotation {
        }
    }

    public Rotation rotate(UUID authServerId, String token, String clientId, long nowMicros) {
        int won = jdbc.update("UPDATE refresh_tokens SET used_at = ? WHERE auth_server_id = ? AND id = ? AND client_id = ? "
                        + "AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ? AND idle_expires_at > ?",
                nowMicros, authServerId.toString(), Sha256.base64Url(token), clientId, nowMicros, nowMicros);
        Optional<Stored> stored = find(authServerId, token);
        if (stored.isEmpty() || !stored.get().clientId().equals(clientId)) {
            return new Rotation.Refused("the refresh token is unknown");
        }
        if (won == 1) {
            return new Rotation.Rotated(stored.get());
        }
        if (stored.get().revokedAt() != null) {
            return new Rotation.Refused("the refresh token was revoked");
        }
        if (stored.get().usedAt() != null) {
            return new Rotation.Reused(stored.get());
        }
        return new Rotation.Refused("the refresh token has expired");
    }

    /** Revokes every token of the family; returns the ids of the access tokens issued with them. */
    public List<UUID> revokeFamily(UUID authServerId, UUID familyId, long nowMicros) {
        return jdbc.inTransaction(tx -> {
            tx.update("UPDATE refresh_tokens SET revoked_at = ? WHERE auth_server_id = ? AND family_id = ? "
                    + "AND revoked_at IS NULL", nowMicros, authServerId.toString(), familyId.toString());
            return tx.query("SELECT access_token_id FROM refresh_tokens WHERE auth_server_id = ? AND family_id = ?",
                    rs -> UUID.fromString(rs.getString(1)), authServerId.toString(), familyId.toString());
        });
    }

    /** A live refresh token as the management API lists it: never the token, only its hash. */
    public record Listed(String id, UUID familyId, String subject, List<String> scopes, long createdAt, long expiresAt) {
    }

    /** The client's live refresh tokens (one per live family: the others of a family are spent). */
    public Page<Listed> listLive(UUID authServerId, String clientId, PageRequest request, long nowMicros) {
        return new PageQuery("refresh_tokens t", "t.id, t.family_id, t.details, t.created_at, t.expires_at, t.idle_expires_at",
                "t.auth_server_id = ? AND t.client_id = ? AND t.used_at IS NULL AND t.revoked_at IS NULL "
                        + "AND t.expires_at > ? AND t.idle_expires_at > ?",
                List.of(authServerId.toString(), clientId, nowMicros, nowMicros), null)
                .run(jdbc, request, rs -> {
                    UserGrant grant = JsonText.read(rs.getString(3), UserGrant.class);
                    return new Listed(rs.getString(1), UUID.fromString(rs.getString(2)), grant.subject(), grant.scopes(),
                            rs.getLong(4), Math.min(rs.getLong(5), rs.getLong(6)));
                });
    }

    /** The client of a live family, if it is this client's (for revocation through the management API). */
    public boolean hasLiveFamily(UUID authServerId, String clientId, UUID familyId, long nowMicros) {
        return jdbc.count("SELECT COUNT(*) FROM refresh_tokens WHERE auth_server_id = ? AND client_id = ? AND family_id = ? "
                        + "AND revoked_at IS NULL AND expires_at > ?", authServerId.toString(), clientId,
                familyId.toString(), nowMicros) > 0;
    }

    /** The grant behind an access token issued with a refresh token (for userinfo). */
    public Optional<UserGrant> grantByAccessToken(UUID authServerId, String clientId, UUID accessTokenId) {
        return jdbc.queryOne("SELECT details FROM refresh_tokens WHERE auth_server_id = ? AND access_token_id = ? "
                        + "AND client_id = ?", rs -> JsonText.read(rs.getString(1), UserGrant.class),
                authServerId.toString(), accessTokenId.toString(), clientId);
    }

    /** Removes tokens past their absolute expiry. */
    public int purgeExpired(long cutoffMicros) {
        return jdbc.update("DELETE FROM refresh_tokens WHERE expires_at < ?", cutoffMicros);
    }
}
