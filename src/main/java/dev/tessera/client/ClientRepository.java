package dev.tessera.client;

import dev.tessera.store.Dialect;
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

/** Clients with their labels and allowed scopes. Deleting a client deletes its secrets and tokens. */
public final class ClientRepository {
    private static final String COLUMNS = "t.auth_server_id, t.id, t.name, t.grant_types, t.response_types, "
            + "t.redirect_uris, t.login_uri, t.access_token_duration, t.id_token_duration, t.allow_all_scopes, "
            + "t.token_endpoint_auth_method, t.created_at, t.updated_at, t.allow_direct_authorization, t.jwks, t.jwks_uri";

    private final Jdbc jdbc;

    public ClientRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Tx tx, Client c) {
        tx.update("INSERT INTO clients (auth_server_id, id, name, grant_types, response_types, redirect_uris, login_uri, "
                        + "access_token_duration, id_token_duration, allow_all_scopes, token_endpoint_auth_method, "
                        + "created_at, updated_at, allow_direct_authorization, jwks, jwks_uri) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.authServerId().toString(), c.id(), c.name(), JsonColumns.write(c.grantTypes()),
                JsonColumns.write(c.responseTypes()), JsonColumns.write(c.redirectUris()), c.loginUri(),
                c.accessTokenDuration(), c.idTokenDuration(), c.allowAllScopes(), c.tokenEndpointAuthMethod(),
                c.createdAt(), c.updatedAt(), c.allowDirectAuthorization(), c.jwks(), c.jwksUri());
        insertChildren(tx, c);
    }

    public void update(Tx tx, Client c) {
        tx.update("UPDATE clients SET name = ?, grant_types = ?, response_types = ?, redirect_uris = ?, login_uri = ?, "
                        + "access_token_duration = ?, id_token_duration = ?, allow_all_scopes = ?, "
                        + "token_endpoint_auth_method = ?, updated_at = ?, allow_direct_authorization = ?, jwks = ?, jwks_uri = ? "
                        + "WHERE auth_server_id = ? AND id = ?",
                c.name(), JsonColumns.write(c.grantTypes()), JsonColumns.write(c.responseTypes()),
                JsonColumns.write(c.redirectUris()), c.loginUri(), c.accessTokenDuration(), c.idTokenDuration(),
                c.allowAllScopes(), c.tokenEndpointAuthMethod(), c.updatedAt(), c.allowDirectAuthorization(), c.jwks(), c.jwksUri(),
                c.authServerId().toString(), c.id());
        tx.update("DELETE FROM client_labels WHERE auth_server_id = ? AND client_id = ?", c.authServerId().toString(), c.id());
        tx.update("DELETE FROM client_scopes WHERE auth_server_id = ? AND client_id = ?", c.authServerId().toString(), c.id());
        insertChildren(tx, c);
    }

    private static void insertChildren(Tx tx, Client c) {
        String sid = c.authServerId().toString();
        List<Object[]> labels = new ArrayList<>();
        c.labels().forEach((k, v) -> labels.add(new Object[]{sid, c.id(), k, v}));
        tx.batch("INSERT INTO client_labels (auth_server_id, client_id, label_key, label_value) VALUES (?, ?, ?, ?)", labels);
        List<Object[]> scopes = new ArrayList<>();
        for (int i = 0; i < c.allowScopes().size(); i++) {
            scopes.add(new Object[]{sid, c.id(), c.allowScopes().get(i).toString(), i});
        }
        tx.batch("INSERT INTO client_scopes (auth_server_id, client_id, scope_id, position) VALUES (?, ?, ?, ?)", scopes);
    }

    /**
     * Locks the client's row until the transaction ends, so that what is checked under the lock
     * (its secrets, its tokens) still holds at commit. PostgreSQL needs the row lock (a token
     * record's foreign-key check waits on it too); SQLite write transactions begin IMMEDIATE and
     * already exclude each other. Returns false when the client does not exist.
     */
    public boolean lock(Tx tx, UUID authServerId, String id) {
        String sql = "SELECT id FROM clients WHERE auth_server_id = ? AND id = ?"
                + (tx.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE" : "");
        return tx.queryOne(sql, rs -> rs.getString(1), authServerId.toString(), id).isPresent();
    }

    public boolean delete(Tx tx, UUID authServerId, String id) {
        return tx.update("DELETE FROM clients WHERE auth_server_id = ? AND id = ?", authServerId.toString(), id) > 0;
    }

    public Optional<Client> find(UUID authServerId, String id) {
        return jdbc.read(tx -> find(tx, authServerId, id));
    }

    public Optional<Client> find(Tx tx, UUID authServerId, String id) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM clients t WHERE t.auth_server_id = ? AND t.id = ?",
                ClientRepository::row, authServerId.toString(), id).map(c -> complete(tx, authServerId, List.of(c)).getFirst());
    }

    public Page<Client> list(UUID authServerId, PageRequest request) {
        Page<Client> page = new PageQuery("clients t", COLUMNS, "t.auth_server_id = ?", List.of(authServerId.toString()),
                "EXISTS (SELECT 1 FROM client_labels l WHERE l.auth_server_id = t.auth_server_id AND l.client_id = t.id "
                        + "AND l.label_key = ? AND l.label_value = ?)")
                .run(jdbc, request, ClientRepository::row);
        List<Client> items = jdbc.read(tx -> complete(tx, authServerId, page.items()));
        return new Page<>(items, page.number(), page.size(), page.total());
    }

    /**
     * Every client of an auth server, for the configuration snapshot. Labels and scopes are read
     * for the whole auth server rather than through an IN list, which PostgreSQL caps at 65,535
     * parameters.
     */
    public List<Client> all(UUID authServerId) {
        return jdbc.read(tx -> complete(tx, authServerId,
                tx.query("SELECT " + COLUMNS + " FROM clients t WHERE t.auth_server_id = ? ORDER BY t.created_at, t.id",
                        ClientRepository::row, authServerId.toString()), ""));
    }

    /** Labels and allowed scopes for these clients (all of the auth server's when {@code in} is empty). */
    private static List<Client> complete(Tx tx, UUID authServerId, List<Client> clients) {
        if (clients.isEmpty()) {
            return clients;
        }
        return complete(tx, authServerId, clients,
                " AND client_id IN (" + String.join(",", Collections.nCopies(clients.size(), "?")) + ")");
    }

    private static List<Client> complete(Tx tx, UUID authServerId, List<Client> clients, String in) {
        if (clients.isEmpty()) {
            return clients;
        }
        Object[] params = new Object[in.isEmpty() ? 1 : clients.size() + 1];
        params[0] = authServerId.toString();
        for (int i = 1; i < params.length; i++) {
            params[i] = clients.get(i - 1).id();
        }
        Map<String, Map<String, String>> labels = new HashMap<>();
        tx.query("SELECT client_id, label_key, label_value FROM client_labels WHERE auth_server_id = ?" + in,
                rs -> labels.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3)), params);
        Map<String, List<UUID>> scopes = new HashMap<>();
        tx.query("SELECT client_id, scope_id FROM client_scopes WHERE auth_server_id = ?" + in + " ORDER BY client_id, position",
                rs -> scopes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(UUID.fromString(rs.getString(2))), params);
        return clients.stream().map(c -> new Client(c.authServerId(), c.id(), c.name(), c.grantTypes(), c.responseTypes(),
                c.redirectUris(), c.loginUri(), c.accessTokenDuration(), c.idTokenDuration(), c.allowAllScopes(),
                scopes.getOrDefault(c.id(), List.of()), labels.getOrDefault(c.id(), Map.of()), c.tokenEndpointAuthMethod(),
                c.jwks(), c.jwksUri(), c.createdAt(), c.updatedAt(), c.allowDirectAuthorization())).toList();
    }

    private static Client row(ResultSet rs) throws SQLException {
        return new Client(UUID.fromString(rs.getString(1)), rs.getString(2), rs.getString(3),
                JsonColumns.read(rs.getString(4)), JsonColumns.read(rs.getString(5)), JsonColumns.read(rs.getString(6)),
                rs.getString(7), rs.getInt(8), rs.getInt(9), rs.getBoolean(10), List.of(), Map.of(), rs.getString(11),
                rs.getString(15), rs.getString(16), rs.getLong(12), rs.getLong(13), rs.getBoolean(14));
    }
}
