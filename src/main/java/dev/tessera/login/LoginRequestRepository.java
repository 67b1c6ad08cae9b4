package dev.tessera.login;

import dev.tessera.crypto.Sha256;
import dev.tessera.store.Jdbc;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Login requests, keyed by the SHA-256 of their challenge (a database dump does not hand out live
 * challenges). Deciding one is a single conditional update, so exactly one accept or reject wins,
 * also when several arrive at once on several nodes.
 */
public final class LoginRequestRepository {
    private final Jdbc jdbc;

    public LoginRequestRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String challenge, LoginRequest r) {
        jdbc.update("INSERT INTO login_requests (auth_server_id, id, client_id, request, created_at, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", r.authServerId().toString(), Sha256.base64Url(challenge), r.clientId(),
                JsonText.write(r.request()), r.createdAt(), r.expiresAt());
    }

    public Optional<LoginRequest> find(UUID authServerId, String challenge) {
        return jdbc.queryOne("SELECT client_id, request, created_at, expires_at, decided_at FROM login_requests "
                        + "WHERE auth_server_id = ? AND id = ?",
                rs -> new LoginRequest(authServerId, rs.getString(1), JsonText.read(rs.getString(2), AuthorizationRequest.class),
                        rs.getLong(3), rs.getLong(4), rs.getObject(5) == null ? null : rs.getLong(5)),
                authServerId.toString(), Sha256.base64Url(challenge));
    }

    /**
     * Marks the request decided if it is still undecided and unexpired; true for the one caller
     * that did. {@code formPostResponse} (or null) is kept for the browser's visit that posts it.
     */
    public boolean decide(UUID authServerId, String challenge, long nowMicros, Map<String, String> formPostResponse) {
        return jdbc.update("UPDATE login_requests SET decided_at = ?, response = ? WHERE auth_server_id = ? AND id = ? "
                        + "AND decided_at IS NULL AND expires_at > ?", nowMicros,
                formPostResponse == null ? null : JsonText.write(formPostResponse), authServerId.toString(),
                Sha256.base64Url(challenge), nowMicros) == 1;
    }

    /** Keeps the form_post parameters of a request just decided, for the browser's visit. */
    public void keepFormPostResponse(UUID authServerId, String challenge, Map<String, String> response) {
        jdbc.update("UPDATE login_requests SET response = ? WHERE auth_server_id = ? AND id = ?", JsonText.write(response),
                authServerId.toString(), Sha256.base64Url(challenge));
    }

    /** The form_post parameters of a decided request, once: the second visit gets nothing. */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, String>> takeFormPostResponse(UUID authServerId, String challenge, long nowMicros) {
        String id = Sha256.base64Url(challenge);
        return jdbc.inTransaction(tx -> {
            int taken = tx.update("UPDATE login_requests SET delivered_at = ? WHERE auth_server_id = ? AND id = ? "
                    + "AND response IS NOT NULL AND delivered_at IS NULL AND expires_at > ?", nowMicros,
                    authServerId.toString(), id, nowMicros);
            if (taken != 1) {
                return Optional.empty();
            }
            return tx.queryOne("SELECT response FROM login_requests WHERE auth_server_id = ? AND id = ?",
                    rs -> (Map<String, String>) JsonText.read(rs.getString(1), Map.class), authServerId.toString(), id);
        });
    }

    /** Removes requests that expired before the cutoff. */
    public int purgeExpired(long cutoffMicros) {
        return jdbc.update("DELETE FROM login_requests WHERE expires_at < ?", cutoffMicros);
    }
}
