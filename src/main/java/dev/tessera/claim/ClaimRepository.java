package dev.tessera.claim;

import dev.tessera.store.Jdbc;
import dev.tessera.store.Page;
import dev.tessera.store.PageQuery;
import dev.tessera.store.PageRequest;
import dev.tessera.store.Tx;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Claims of an auth server and the scopes each is included in. */
public final class ClaimRepository {
    private static final String COLUMNS = "t.auth_server_id, t.id, t.name, t.value, t.include_in_token, "
            + "t.include_in_all_scopes, t.enabled, t.created_at, t.updated_at";

    private final Jdbc jdbc;

    public ClaimRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Tx tx, Claim c) {
        tx.update("INSERT INTO claims (auth_server_id, id, name, value, include_in_token, include_in_all_scopes, enabled, "
                        + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.authServerId().toString(), c.id().toString(), c.name(), c.value(), c.includeInToken(),
                c.includeInAllScopes(), c.enabled(), c.createdAt(), c.updatedAt());
        insertScopes(tx, c);
    }

    public void update(Tx tx, Claim c) {
        tx.update("UPDATE claims SET name = ?, value = ?, include_in_token = ?, include_in_all_scopes = ?, enabled = ?, "
                        + "updated_at = ? WHERE auth_server_id = ? AND id = ?",
                c.name(), c.value(), c.includeInToken(), c.includeInAllScopes(), c.enabled(), c.updatedAt(),
                c.authServerId().toString(), c.id().toString());
        tx.update("DELETE FROM claim_scopes WHERE auth_server_id = ? AND claim_id = ?",
                c.authServerId().toString(), c.id().toString());
        insertScopes(tx, c);
    }

    private static void insertScopes(Tx tx, Claim c) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < c.includeInScopes().size(); i++) {
            rows.add(new Object[]{c.authServerId().toString(), c.id().toString(), c.includeInScopes().get(i).toString(), i});
        }
        tx.batch("INSERT INTO claim_scopes (auth_server_id, claim_id, scope_id, position) VALUES (?, ?, ?, ?)", rows);
    }

    public boolean delete(Tx tx, UUID authServerId, UUID id) {
        return tx.update("DELETE FROM claims WHERE auth_server_id = ? AND id = ?", authServerId.toString(), id.toString()) > 0;
    }

    public Optional<Claim> find(UUID authServerId, UUID id) {
        return jdbc.read(tx -> find(tx, authServerId, id));
    }

    public Optional<Claim> find(Tx tx, UUID authServerId, UUID id) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM claims t WHERE t.auth_server_id = ? AND t.id = ?",
                        ClaimRepository::row, authServerId.toString(), id.toString())
                .map(c -> withScopes(tx, authServerId, List.of(c)).getFirst());
    }

    public Page<Claim> list(UUID authServerId, PageRequest request) {
        Page<Claim> page = new PageQuery("claims t", COLUMNS, "t.auth_server_id = ?", List.of(authServerId.toString()), null)
                .run(jdbc, request, ClaimRepository::row);
        List<Claim> items = jdbc.read(tx -> withScopes(tx, authServerId, page.items()));
        return new Page<>(items, page.number(), page.size(), page.total());
    }

    /** Every claim of an auth server (for the snapshot); scope links are read for the whole auth server, no IN list. */
    public List<Claim> all(UUID authServerId) {
        return jdbc.read(tx -> all(tx, authServerId));
    }

    public List<Claim> all(Tx tx, UUID authServerId) {
        List<Claim> claims = tx.query("SELECT " + COLUMNS + " FROM claims t WHERE t.auth_server_id = ? ORDER BY t.created_at, t.id",
                ClaimRepository::row, authServerId.toString());
        Map<String, List<UUID>> scopes = new HashMap<>();
        tx.query("SELECT claim_id, scope_id FROM claim_scopes WHERE auth_server_id = ? ORDER BY claim_id, position",
                rs -> scopes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(UUID.fromString(rs.getString(2))),
                authServerId.toString());
        return claims.stream().map(c -> withScopeIds(c, scopes.getOrDefault(c.id().toString(), List.of()))).toList();
    }

    private static Claim withScopeIds(Claim c, List<UUID> scopeIds) {
        return new Claim(c.authServerId(), c.id(), c.name(), c.value(), c.includeInToken(), c.includeInAllScopes(),
                scopeIds, c.enabled(), c.createdAt(), c.updatedAt());
    }

    private static List<Claim> withScopes(Tx tx, UUID authServerId, List<Claim> claims) {
        if (claims.isEmpty()) {
            return claims;
        }
        Map<String, List<UUID>> scopes = new HashMap<>();
        Object[] params = new Object[claims.size() + 1];
        params[0] = authServerId.toString();
        for (int i = 0; i < claims.size(); i++) {
            params[i + 1] = claims.get(i).id().toString();
        }
        // Claims per auth server are few (a page is at most 100), well under any bind-parameter limit.
        tx.query("SELECT claim_id, scope_id FROM claim_scopes WHERE auth_server_id = ? AND claim_id IN ("
                        + String.join(",", Collections.nCopies(claims.size(), "?")) + ") ORDER BY claim_id, position",
                rs -> scopes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(UUID.fromString(rs.getString(2))),
                params);
        return claims.stream().map(c -> withScopeIds(c, scopes.getOrDefault(c.id().toString(), List.of()))).toList();
    }

    private static Claim row(ResultSet rs) throws SQLException {
        return new Claim(UUID.fromString(rs.getString(1)), UUID.fromString(rs.getString(2)), rs.getString(3),
                rs.getString(4), rs.getBoolean(5), rs.getBoolean(6), List.of(), rs.getBoolean(7), rs.getLong(8),
                rs.getLong(9));
    }
}
