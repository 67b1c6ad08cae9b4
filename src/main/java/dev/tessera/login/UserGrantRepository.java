package dev.tessera.login;

import dev.tessera.crypto.Sha256;
import dev.tessera.store.Jdbc;

import java.util.Optional;
import java.util.UUID;

/**
 * User grants behind authorization codes (keyed by the code's SHA-256). Redeeming one is a single
 * conditional update bound to the client, so a code works once, for its own client, also under
 * concurrent attempts on several nodes; the access token's id is written by that same update.
 */
public final class UserGrantRepository {
    private final Jdbc jdbc;

    public UserGrantRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a grant behind {@code code} (or behind a random id, for a grant without a code). */
    public void insert(UUID authServerId, String code, String clientId, UserGrant grant, long createdAt, long expiresAt,
                       String accessTokenId, long keepUntil) {
        jdbc.update("INSERT INTO user_grants (auth_server_id, id, client_id, details, created_at, expires_at, used_at, "
                        + "access_token_id, keep_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", authServerId.toString(),
                Sha256.base64Url(code), clientId, JsonText.write(grant), createdAt, expiresAt,
                accessTokenId == null ? null : createdAt, accessTokenId, keepUntil);
    }

    /** The outcome of presenting a code. */
    public sealed interface Redemption {
        /** First use by its own client, in time: the grant, now bound to the access token id. */
        record Redeemed(UserGrant grant) implements Redemption {
        }

        /** Used before: the tokens issued from it should die (RFC 6749 §4.1.2). */
        record Replayed(String clientId, UUID accessTokenId) implements Redemption {
        }

        /** Unknown, expired, or another client's: nothing changes. */
        record Refused(String why) implements Redemption {
        }
    }

    public Redemption redeem(UUID authServerId, String code, String clientId, UUID accessTokenId, long nowMicros,
                             long keepUntil) {
        String id = Sha256.base64Url(code);
        String sid = authServerId.toString();
        int won = jdbc.update("UPDATE user_grants SET used_at = ?, access_token_id = ?, keep_until = ? "
                        + "WHERE auth_server_id = ? AND id = ? AND client_id = ? AND used_at IS NULL AND expires_at > ?",
                nowMicros, accessTokenId.toString(), keepUntil, sid, id, clientId, nowMicros);
        record Row(String clientId, String details, long expiresAt, Long usedAt, String accessTokenId) {
        }
        Optional<Row> row = jdbc.queryOne("SELECT client_id, details, expires_at, used_at, access_token_id FROM user_grants "
                        + "WHERE auth_server_id = ? AND id = ?",
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getObject(4) == null ? null : rs.getLong(4), rs.getString(5)), sid, id);
        if (won == 1 && row.isPresent()) {
            return new Redemption.Redeemed(JsonText.read(row.get().details(), UserGrant.class));
        }
        if (row.isEmpty()) {
            return new Redemption.Refused("the authorization code is unknown");
        }
        if (!row.get().clientId().equals(clientId)) {
            return new Redemption.Refused("the authorization code was issued to another client");
        }
        if (row.get().usedAt() != null && row.get().accessTokenId() != null) {
            return new Redemption.Replayed(row.get().clientId(), UUID.fromString(row.get().accessTokenId()));
        }
        return new Redemption.Refused("the authorization code has expired");
    }

    /** The grant an access token was issued from (for userinfo), while it is kept. */
    public Optional<UserGrant> byAccessToken(UUID authServerId, String clientId, UUID accessTokenId) {
        return jdbc.queryOne("SELECT details FROM user_grants WHERE auth_server_id = ? AND access_token_id = ? "
                        + "AND client_id = ?", rs -> JsonText.read(rs.getString(1), UserGrant.class),
                authServerId.toString(), accessTokenId.toString(), clientId);
    }

    /** Removes grants past their keep time. */
    public int purgeExpired(long cutoffMicros) {
        return jdbc.update("DELETE FROM user_grants WHERE keep_until < ?", cutoffMicros);
    }
}
