package dev.tessera.scope;

import dev.tessera.store.Jdbc;
import dev.tessera.store.Page;
import dev.tessera.store.PageQuery;
import dev.tessera.store.PageRequest;
import dev.tessera.store.Tx;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Scopes of an auth server. Deleting a scope removes it from clients' {@code allow_scopes}
 * and claims' {@code include_in_scopes} through the foreign keys' cascade.
 */
public final class ScopeRepository {
    private static final String COLUMNS = "t.auth_server_id, t.id, t.name, t.description, t.is_default, "
            + "t.include_in_metadata, t.enabled, t.created_at, t.updated_at";

    private final Jdbc jdbc;

    public ScopeRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Tx tx, Scope s) {
        tx.update("INSERT INTO scopes (auth_server_id, id, name, description, is_default, include_in_metadata, enabled, "
                        + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.authServerId().toString(), s.id().toString(), s.name(), s.description(), s.isDefault(),
                s.includeInMetadata(), s.enabled(), s.createdAt(), s.updatedAt());
    }

    public void update(Tx tx, Scope s) {
        tx.update("UPDATE scopes SET name = ?, description = ?, is_default = ?, include_in_metadata = ?, enabled = ?, "
                        + "updated_at = ? WHERE auth_server_id = ? AND id = ?",
                s.name(), s.description(), s.isDefault(), s.includeInMetadata(), s.enabled(), s.updatedAt(),
                s.authServerId().toString(), s.id().toString());
    }

    public boolean delete(Tx tx, UUID authServerId, UUID id) {
        return tx.update("DELETE FROM scopes WHERE auth_server_id = ? AND id = ?", authServerId.toString(), id.toString()) > 0;
    }

    public Optional<Scope> find(UUID authServerId, UUID id) {
        return jdbc.read(tx -> find(tx, authServerId, id));
    }

    public Optional<Scope> find(Tx tx, UUID authServerId, UUID id) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM scopes t WHERE t.auth_server_id = ? AND t.id = ?",
                ScopeRepository::row, authServerId.toString(), id.toString());
    }

    public Page<Scope> list(UUID authServerId, PageRequest request) {
        return new PageQuery("scopes t", COLUMNS, "t.auth_server_id = ?", List.of(authServerId.toString()), null)
                .run(jdbc, request, ScopeRepository::row);
    }

    public List<Scope> all(UUID authServerId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM scopes t WHERE t.auth_server_id = ? ORDER BY t.created_at, t.id",
                ScopeRepository::row, authServerId.toString());
    }

    /** The ids among {@code ids} that are scopes of this auth server. */
    public Set<UUID> existing(Tx tx, UUID authServerId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Object[] params = new Object[ids.size() + 1];
        params[0] = authServerId.toString();
        int i = 1;
        for (UUID id : ids) {
            params[i++] = id.toString();
        }
        Set<UUID> found = new HashSet<>();
        tx.query("SELECT id FROM scopes WHERE auth_server_id = ? AND id IN ("
                        + String.join(",", Collections.nCopies(ids.size(), "?")) + ")",
                rs -> found.add(UUID.fromString(rs.getString(1))), params);
        return found;
    }

    private static Scope row(ResultSet rs) throws SQLException {
        return new Scope(UUID.fromString(rs.getString(1)), UUID.fromString(rs.getString(2)), rs.getString(3),
                rs.getString(4), rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7), rs.getLong(8), rs.getLong(9));
    }
}
