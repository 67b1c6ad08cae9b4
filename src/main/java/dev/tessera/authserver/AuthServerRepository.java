package dev.tessera.authserver;

import dev.tessera.store.Jdbc;
import dev.tessera.store.JsonColumns;
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
import java.util.TreeMap;
import java.util.UUID;

/** Auth servers and their labels. Deleting one cascades to everything under it. */
public final class AuthServerRepository {
    private static final String COLUMNS =
            "t.id, t.slug, t.name, t.description, t.audience, t.signing_algorithm, t.trusted_origins, t.created_at, t.updated_at, "
                    + "t.access_token_typ, t.require_pkce, t.key_rotation_period_days";
    private static final PageQuery PAGE = new PageQuery("auth_servers t", COLUMNS, "", List.of(),
            "EXISTS (SELECT 1 FROM auth_server_labels l WHERE l.auth_server_id = t.id AND l.label_key = ? AND l.label_value = ?)");

    private final Jdbc jdbc;

    public AuthServerRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Tx tx, AuthServer s) {
        tx.update("INSERT INTO auth_servers (id, slug, name, description, audience, signing_algorithm, trusted_origins, "
                        + "created_at, updated_at, access_token_typ, require_pkce, key_rotation_period_days) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.id().toString(), s.slug(), s.name(), s.description(), s.audience(), s.signingAlgorithm().name(),
                JsonColumns.write(s.trustedOrigins()), s.createdAt(), s.updatedAt(), s.accessTokenType().typ(), s.requirePkce(),
                s.keyRotationPeriodDays());
        insertLabels(tx, s);
    }

    public void update(Tx tx, AuthServer s) {
        tx.update("UPDATE auth_servers SET name = ?, description = ?, audience = ?, signing_algorithm = ?, "
                        + "trusted_origins = ?, updated_at = ?, access_token_typ = ?, require_pkce = ?, key_rotation_period_days = ? "
                        + "WHERE id = ?",
                s.name(), s.description(), s.audience(), s.signingAlgorithm().name(), JsonColumns.write(s.trustedOrigins()),
                s.updatedAt(), s.accessTokenType().typ(), s.requirePkce(), s.keyRotationPeriodDays(), s.id().toString());
        tx.update("DELETE FROM auth_server_labels WHERE auth_server_id = ?", s.id().toString());
        insertLabels(tx, s);
    }

    private static void insertLabels(Tx tx, AuthServer s) {
        List<Object[]> rows = new ArrayList<>();
        s.labels().forEach((k, v) -> rows.add(new Object[]{s.id().toString(), k, v}));
        tx.batch("INSERT INTO auth_server_labels (auth_server_id, label_key, label_value) VALUES (?, ?, ?)", rows);
    }

    public boolean delete(Tx tx, UUID id) {
        return tx.update("DELETE FROM auth_servers WHERE id = ?", id.toString()) > 0;
    }

    public Optional<AuthServer> find(UUID id) {
        return jdbc.read(tx -> find(tx, id));
    }

    public Optional<AuthServer> find(Tx tx, UUID id) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM auth_servers t WHERE t.id = ?", AuthServerRepository::row,
                id.toString()).map(s -> {
            Map<String, String> labels = new TreeMap<>();
            tx.query("SELECT label_key, label_value FROM auth_server_labels WHERE auth_server_id = ?",
                    rs -> labels.put(rs.getString(1), rs.getString(2)), id.toString());
            return copyWithLabels(s, labels);
        });
    }

    public Page<AuthServer> list(PageRequest request) {
        Page<AuthServer> page = PAGE.run(jdbc, request, AuthServerRepository::row);
        return new Page<>(withLabels(page.items()), page.number(), page.size(), page.total());
    }

    public boolean hasChildren(Tx tx, UUID id) {
        String sid = id.toString();
        return tx.count("SELECT (SELECT COUNT(*) FROM scopes WHERE auth_server_id = ?) "
                + "+ (SELECT COUNT(*) FROM claims WHERE auth_server_id = ?) "
                + "+ (SELECT COUNT(*) FROM clients WHERE auth_server_id = ?)", sid, sid, sid) > 0;
    }

    private List<AuthServer> withLabels(List<AuthServer> servers) {
        if (servers.isEmpty()) {
            return servers;
        }
        Map<String, Map<String, String>> labels = new HashMap<>();
        String in = String.join(",", Collections.nCopies(servers.size(), "?"));
        jdbc.query("SELECT auth_server_id, label_key, label_value FROM auth_server_labels WHERE auth_server_id IN (" + in + ")",
                rs -> labels.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3)),
                servers.stream().map(s -> (Object) s.id().toString()).toArray());
        return servers.stream().map(s -> copyWithLabels(s, labels.getOrDefault(s.id().toString(), Map.of()))).toList();
    }

    private static AuthServer copyWithLabels(AuthServer s, Map<String, String> labels) {
        return new AuthServer(s.id(), s.slug(), s.name(), s.description(), s.audience(), s.signingAlgorithm(),
                s.accessTokenType(), s.trustedOrigins(), labels, s.createdAt(), s.updatedAt(), s.requirePkce(),
                s.keyRotationPeriodDays());
    }

    private static Integer rotationPeriod(ResultSet rs) throws SQLException {
        int days = rs.getInt(12);
        return rs.wasNull() ? null : days;
    }

    private static AuthServer row(ResultSet rs) throws SQLException {
        return new AuthServer(UUID.fromString(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), SigningAlgorithm.valueOf(rs.getString(6)),
                AccessTokenType.of(rs.getString(10)).orElse(AccessTokenType.JWT), JsonColumns.read(rs.getString(7)), Map.of(),
                rs.getLong(8), rs.getLong(9), rs.getBoolean(11), rotationPeriod(rs));
    }
}
