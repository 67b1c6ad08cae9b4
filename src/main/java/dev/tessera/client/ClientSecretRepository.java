package dev.tessera.client;

import dev.tessera.store.Jdbc;
import dev.tessera.store.Page;
import dev.tessera.store.PageQuery;
import dev.tessera.store.PageRequest;
import dev.tessera.store.Tx;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Client secrets (hashes only). */
public final class ClientSecretRepository {
    private static final String COLUMNS = "t.auth_server_id, t.client_id, t.id, t.secret_hash, t.enabled, t.created_at, t.updated_at, t.secret_encrypted";

    private final Jdbc jdbc;

    public ClientSecretRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Tx tx, ClientSecret s) {
        tx.update("INSERT INTO client_secrets (auth_server_id, client_id, id, secret_hash, enabled, created_at, updated_at, "
                        + "secret_encrypted) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                s.authServerId().toString(), s.clientId(), s.id().toString(), s.hash(), s.enabled(), s.createdAt(), s.updatedAt(),
                s.sealed());
    }

    /** Makes {@code s} the client's only secret (PUT, or PATCH with client_secret). */
    public void replaceAll(Tx tx, ClientSecret s) {
        tx.update("DELETE FROM client_secrets WHERE auth_server_id = ? AND client_id = ?", s.authServerId().toString(), s.clientId());
        insert(tx, s);
    }

    public void setEnabled(Tx tx, ClientSecret s) {
        tx.update("UPDATE client_secrets SET enabled = ?, updated_at = ? WHERE auth_server_id = ? AND client_id = ? AND id = ?",
                s.enabled(), s.updatedAt(), s.authServerId().toString(), s.clientId(), s.id().toString());
    }

    /** Drops the encrypted copies of a client's secrets (it no longer uses {@code client_secret_jwt}). */
    public void forgetSealed(Tx tx, UUID authServerId, String clientId) {
        tx.update("UPDATE client_secrets SET secret_encrypted = NULL WHERE auth_server_id = ? AND client_id = ? "
                + "AND secret_encrypted IS NOT NULL", authServerId.toString(), clientId);
    }

    public boolean delete(Tx tx, UUID authServerId, String clientId, UUID id) {
        return tx.update("DELETE FROM client_secrets WHERE auth_server_id = ? AND client_id = ? AND id = ?",
                authServerId.toString(), clientId, id.toString()) > 0;
    }

    public Optional<ClientSecret> find(Tx tx, UUID authServerId, String clientId, UUID id) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM client_secrets t WHERE t.auth_server_id = ? AND t.client_id = ? AND t.id = ?",
                ClientSecretRepository::row, authServerId.toString(), clientId, id.toString());
    }

    public Optional<ClientSecret> find(UUID authServerId, String clientId, UUID id) {
        return jdbc.read(tx -> find(tx, authServerId, clientId, id));
    }

    public long count(Tx tx, UUID authServerId, String clientId, boolean enabledOnly) {
        return tx.count("SELECT COUNT(*) FROM client_secrets WHERE auth_server_id = ? AND client_id = ?"
                + (enabledOnly ? " AND enabled = ?" : ""), enabledOnly
                ? new Object[]{authServerId.toString(), clientId, true} : new Object[]{authServerId.toString(), clientId});
    }

    public Page<ClientSecret> list(UUID authServerId, String clientId, PageRequest request) {
        return new PageQuery("client_secrets t", COLUMNS, "t.auth_server_id = ? AND t.client_id = ?",
                List.of(authServerId.toString(), clientId), null).run(jdbc, request, ClientSecretRepository::row);
    }

    /** The enabled secrets of every client of an auth server; for the in-memory snapshot. */
    public List<ClientSecret> enabled(UUID authServerId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM client_secrets t WHERE t.auth_server_id = ? AND t.enabled = ?",
                ClientSecretRepository::row, authServerId.toString(), true);
    }

    /** The enabled secrets of one client; for updating the snapshot after that client changed. */
    public List<ClientSecret> enabled(UUID authServerId, String clientId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM client_secrets t WHERE t.auth_server_id = ? AND t.client_id = ? AND t.enabled = ?",
                ClientSecretRepository::row, authServerId.toString(), clientId, true);
    }

    private static ClientSecret row(ResultSet rs) throws SQLException {
        return new ClientSecret(UUID.fromString(rs.getString(1)), rs.getString(2), UUID.fromString(rs.getString(3)),
                rs.getString(4), rs.getBoolean(5), rs.getString(8), rs.getLong(6), rs.getLong(7));
    }
}
